package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each parameter and result of one signature lives under {@link Abi}: in a register, or
 * in the caller's outgoing stack area; and where it sits in a slot array (the {@code long[]}
 * of {@code HostFunction}, and the entry stubs' param/result array).
 *
 * <pre>
 *   caller's frame at the call instruction (RSP 16-aligned):
 *
 *     RSP + paramStackSize + resultStackSize ... stackAreaSize   padding to 16
 *     RSP + paramStackSize + r.stackOffset                       stack result r
 *     RSP + p.stackOffset                                        stack parameter p
 *     RSP + 0                                                    first stack parameter
 *
 *   the callee sees the same bytes 8 higher (after the return address), 16 higher after
 *   push rbp: stack parameter p at [RBP + 16 + p.stackOffset].
 *
 *   slot array:  value i at byte slotOffset(i); every value 8 bytes (i32 zero-extended,
 *                f32 in the low 4), v128 16 bytes (low half first); parameters and results
 *                both start at byte 0.
 * </pre>
 *
 * <p>Stack values are 8 bytes, v128 16, packed in order with no padding (v128 stack values are
 * accessed with unaligned moves).
 */
public final class CallLayout {

    /**
     * One value's place.
     *
     * @param register a {@link Gpr} or {@link Xmm}, or null when the value is on the stack
     * @param stackOffset the offset in the stack parameter or result area, or -1
     * @param slotOffset the byte offset in a slot array
     */
    public record Location(ValueType type, Operand register, int stackOffset, int slotOffset) {
        boolean onStack() {
            return register == null;
        }
    }

    /**
     * The most bytes of stack parameters and results a signature may have: half the stacks'
     * headroom ({@link NativeStack#HEADROOM}), because entry stubs and trampolines write that
     * area before any prologue checks the stack. Wasm's limits (1000 parameters, 1000 results)
     * need at most 32000 bytes.
     */
    public static final int MAX_STACK_AREA = (int) NativeStack.HEADROOM / 2;

    /** The most parameters a register-form signature ({@link #registerForm}) has. */
    public static final int MAX_REGISTER_PARAMS = 4;

    public final FunctionType type;
    public final List<Location> params;
    public final List<Location> results;
    public final int paramStackSize;
    public final int resultStackSize;
    /** {@code type.paramSlots()}, {@code type.resultSlots()} and {@link #slotCount()}, kept for the hot paths. */
    public final int paramSlots;
    public final int resultSlots;
    public final int slotCount;
    /** How long a caller's {@code long[]} must be: the larger of parameter and result slots. */
    public final int slotsNeeded;
    /**
     * Whether Java may pass the parameters and get the result as downcall arguments and return
     * value ({@link EntryStubs#emitRegisterEntry}) instead of through the slot array: at most
     * {@value #MAX_REGISTER_PARAMS} parameters and one result, none of them v128.
     */
    public final boolean registerForm;

    public CallLayout(FunctionType type) {
        this.type = type;
        int[] stack = {0};
        this.params = place(type.params(), Abi.INT_PARAMS, Abi.FLOAT_PARAMS, stack);
        this.paramStackSize = stack[0];
        stack[0] = 0;
        this.results = place(type.results(), Abi.INT_RESULTS, Abi.FLOAT_RESULTS, stack);
        this.resultStackSize = stack[0];
        this.paramSlots = type.paramSlots();
        this.resultSlots = type.resultSlots();
        if (stackAreaSize() > MAX_STACK_AREA) {
            throw new IllegalArgumentException(type + " needs " + stackAreaSize() + " bytes of stack arguments and"
                    + " results; at most " + MAX_STACK_AREA + " are supported");
        }
        this.slotsNeeded = Math.max(paramSlots, resultSlots);
        this.slotCount = Math.max(1, slotsNeeded);
        this.registerForm = type.params().size() <= MAX_REGISTER_PARAMS && type.results().size() <= 1
                && !type.params().contains(ValueType.V128) && !type.results().contains(ValueType.V128);
    }

    /** The caller's outgoing area for stack parameters and results, padded to keep RSP 16-aligned. */
    public int stackAreaSize() {
        return (paramStackSize + resultStackSize + 15) & -16;
    }

    /** How many 8-byte slots a slot array needs: the larger of parameters and results, at least one. */
    public int slotCount() {
        return slotCount;
    }

    private static List<Location> place(List<ValueType> types, List<Gpr> ints, List<Xmm> floats, int[] stack) {
        List<Location> out = new ArrayList<>(types.size());
        int nextInt = 0;
        int nextFloat = 0;
        int slot = 0;
        for (ValueType t : types) {
            int size = t == ValueType.V128 ? 16 : 8;
            boolean isInt = t == ValueType.I32 || t == ValueType.I64 || t.isReference();
            Operand register = null;
            if (isInt && nextInt < ints.size()) {
                register = ints.get(nextInt++);
            } else if (!isInt && nextFloat < floats.size()) {
                register = floats.get(nextFloat++);
            }
            int stackOffset = -1;
            if (register == null) {
                stackOffset = stack[0];
                stack[0] += size;
            }
            out.add(new Location(t, register, stackOffset, slot));
            slot += size;
        }
        return List.copyOf(out);
    }
}
