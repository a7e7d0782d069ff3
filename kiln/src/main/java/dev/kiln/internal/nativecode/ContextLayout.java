package dev.kiln.internal.nativecode;

import java.util.List;

/**
 * The execution context: one fixed-layout native struct per thread of execution, through which
 * native code and Java hand control to each other. Every offset native code uses is a constant
 * here and nowhere else; {@code ContextLayoutTest} checks that the fields neither overlap nor
 * leave the struct, and that every register save slot is 16-byte aligned.
 *
 * <pre>
 *  offset  size  field                 written by       read by
 *  ------  ----  --------------------  ---------------  -----------------------------------------
 *  0x000   4     exitCode              every exit;      Java, when a downcall returns Exits.EXITED
 *                                      Java resets it   (RETURNED whenever native code runs)
 *  0x004   4     exitSignature         host trampoline  Java: the signature id of the trampoline,
 *                                                       checked against the host function's type
 *  0x008   8     exitDetail            host trampoline  Java: which host function (the id in RBX)
 *  0x010   8     wasmRsp               every exit       Java (slot area, stack copy); re-entry stub
 *  0x018   8     wasmRbp               every exit       Java (frame-chain rewrite); re-entry stub
 *  0x020   8     wasmResume            every exit       re-entry stub: where native code resumes;
 *                                                       after a trap, the trap site (stack traces)
 *  0x028   8     javaRsp               entry/re-entry   every exit: the Java caller's RSP (points
 *                                                       at its return address)
 *  0x030   8     javaRbp               entry/re-entry   every exit (SysV callee-saved registers
 *  0x038   8     javaRbx                 "                of the Java caller, restored before
 *  0x040   8     javaR12                 "                returning to it)
 *  0x048   8     javaR13                 "
 *  0x050   8     javaR14                 "
 *  0x058   8     javaR15                 "
 *  0x060   8     stackBottom           Java             prologues: lowest RSP a frame may reach
 *  0x068   8     stackGrowRequired     prologue         Java: bytes the growing frame needs
 *  0x070   8     stackGrowAddress      Java             prologues: call [rax+0x70] when short
 *  0x078   8     entryRsp              Java             entry stubs: the Wasm RSP to start at
 *  0x080   8     slotsAddress          Java             entry stubs: the param/result slot array
 *  0x088   8     interruptFlag         Java, any        compiled code at function entries and
 *                                      thread           loop headers (TERMINATION_CHECK if set)
 *  0x090   464   register save area    trampolines      trampolines and the stack-grow sequence:
 *                29 slots x 16 bytes                    one 16-byte slot per register, in the
 *                                                       order of {@code Abi.SAVED_FOR_GROWTH}
 *                                                       (the callee-saved ones first, so a host
 *                                                       call uses slots 0..12 only)
 *  0x260   8     callerContext         compiled code,   a host function reached through a table:
 *                                      before indirect  which instance's code called it
 *                                      calls
 *  0x268   8     (pad)
 *  0x270         (size)
 * </pre>
 *
 * <p>A general register uses the low 8 bytes of its slot; every slot is 16 bytes so an XMM
 * register fits and all slots stay 16-byte aligned (the struct itself is allocated 16-aligned).
 */
public final class ContextLayout {

    public static final int EXIT_CODE = 0x000;
    public static final int EXIT_SIGNATURE = 0x004;
    public static final int EXIT_DETAIL = 0x008;
    public static final int WASM_RSP = 0x010;
    public static final int WASM_RBP = 0x018;
    public static final int WASM_RESUME = 0x020;
    public static final int JAVA_RSP = 0x028;
    public static final int JAVA_RBP = 0x030;
    public static final int JAVA_RBX = 0x038;
    public static final int JAVA_R12 = 0x040;
    public static final int JAVA_R13 = 0x048;
    public static final int JAVA_R14 = 0x050;
    public static final int JAVA_R15 = 0x058;
    public static final int STACK_BOTTOM = 0x060;
    public static final int STACK_GROW_REQUIRED = 0x068;
    public static final int STACK_GROW_ADDRESS = 0x070;
    public static final int ENTRY_RSP = 0x078;
    public static final int SLOTS_ADDRESS = 0x080;
    /** Raised by Java from any thread; compiled code polls it ({@code TERMINATION_CHECK}). */
    public static final int INTERRUPT_FLAG = 0x088;
    public static final int SAVE_AREA = 0x090;

    public static final int SAVE_SLOT_SIZE = 16;
    public static final int SAVE_SLOTS = 29;
    /** The module context of the code making an indirect or imported call, stored just before it. */
    public static final int CALLER_CONTEXT = SAVE_AREA + SAVE_SLOTS * SAVE_SLOT_SIZE;
    public static final int SIZE = CALLER_CONTEXT + 16;
    public static final int ALIGNMENT = 16;

    /**
     * The part of the struct an exit fills and a re-entry consumes, {@code [EXIT_CODE,
     * JAVA_RSP)} plus the save area: what a nested entry would overwrite, so the dispatch loop
     * keeps a copy of it while a host function runs native code again.
     */
    public static final int EXIT_STATE_END = JAVA_RSP;

    private ContextLayout() {}

    /** The offset of register save slot {@code index}. */
    public static int saveSlot(int index) {
        if (index < 0 || index >= SAVE_SLOTS) {
            throw new IndexOutOfBoundsException("save slot " + index);
        }
        return SAVE_AREA + index * SAVE_SLOT_SIZE;
    }

    /** One field, for the layout test: name, offset, size. */
    public record Field(String name, int offset, int size) {}

    /** Every field in offset order (the save area as one field per slot). */
    public static List<Field> fields() {
        var fields = new java.util.ArrayList<>(List.of(
                new Field("exitCode", EXIT_CODE, 4),
                new Field("exitSignature", EXIT_SIGNATURE, 4),
                new Field("exitDetail", EXIT_DETAIL, 8),
                new Field("wasmRsp", WASM_RSP, 8),
                new Field("wasmRbp", WASM_RBP, 8),
                new Field("wasmResume", WASM_RESUME, 8),
                new Field("javaRsp", JAVA_RSP, 8),
                new Field("javaRbp", JAVA_RBP, 8),
                new Field("javaRbx", JAVA_RBX, 8),
                new Field("javaR12", JAVA_R12, 8),
                new Field("javaR13", JAVA_R13, 8),
                new Field("javaR14", JAVA_R14, 8),
                new Field("javaR15", JAVA_R15, 8),
                new Field("stackBottom", STACK_BOTTOM, 8),
                new Field("stackGrowRequired", STACK_GROW_REQUIRED, 8),
                new Field("stackGrowAddress", STACK_GROW_ADDRESS, 8),
                new Field("entryRsp", ENTRY_RSP, 8),
                new Field("slotsAddress", SLOTS_ADDRESS, 8),
                new Field("interruptFlag", INTERRUPT_FLAG, 8)));
        for (int i = 0; i < SAVE_SLOTS; i++) {
            fields.add(new Field("save[" + i + "]", saveSlot(i), SAVE_SLOT_SIZE));
        }
        fields.add(new Field("callerContext", CALLER_CONTEXT, 8));
        return List.copyOf(fields);
    }
}
