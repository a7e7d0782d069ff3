package dev.kiln.internal.interpreter;

import static dev.kiln.internal.interpreter.Opcodes.*;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.UnreachableCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one validated function to register-form code ({@link Opcodes}, {@link FunctionCode}).
 *
 * <p>One pass over the instructions with a virtual {@link OperandStack}: every stack height
 * owns a frame slot, so each instruction names its operand and result slots directly. Values
 * pushed by {@code local.get} and constants stay aliases of their slots until something needs
 * them at home. Three peepholes do most of the remaining work:
 * <ul>
 *   <li>a {@code local.set}/{@code tee} right after the instruction that computed its value
 *       retargets that instruction's destination to the local (no move);
 *   <li>a compare right before {@code br_if}/{@code if} fuses into a compare-and-branch;
 *   <li>branches carry only the moves their label needs, and none when values are in place.
 * </ul>
 * Unreachable code (after {@code br}, {@code return}, ...) is skipped, not lowered.
 *
 * <p>Control flow only meets at labels, and at every label the operand stack is in its home
 * slots: block starts and ends materialize the stack, branches move their values to the
 * label's slots. Code on a conditional path never changes the virtual stack.
 */
final class Lowering {

    /**
     * The most constants a function keeps in its frame. Each one costs a slot copy per call;
     * the most used ones are pooled, the rest become {@code CONST} instructions.
     */
    private static final int MAX_POOLED_CONSTANTS = 64;

    private enum Kind { FUNCTION, BLOCK, LOOP, IF }

    /** A control frame: a block, loop, if, or the function body. */
    private static final class Control {
        final Kind kind;
        final ValueType[] params;
        final ValueType[] results;
        /** Stack entries below the frame's parameters. */
        final int height;
        /** Home slot of the first parameter / result: where branches deliver label values. */
        final int base;
        /** For a loop, the position branches jump to. */
        final int start;
        /** Positions of target words to patch with the end's position. */
        int[] forward = new int[2];
        int forwardCount;
        /** For an if, the target word of the branch to the else part, until it is bound. */
        int elseBranch = -1;
        boolean unreachable;

        Control(Kind kind, ValueType[] params, ValueType[] results, int height, int base, int start) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.height = height;
            this.base = base;
            this.start = start;
        }

        ValueType[] labelTypes() {
            return kind == Kind.LOOP ? params : results;
        }

        void addForward(int position) {
            if (forwardCount == forward.length) {
                forward = Arrays.copyOf(forward, forwardCount * 2);
            }
            forward[forwardCount++] = position;
        }
    }

    /** A branch condition: a branch opcode that jumps when its operands say so. */
    private record Condition(int opcode, int x, int y) {}

    private final Module module;
    private final FunctionType type;
    private final ValueType[] resultTypes;
    private final ValueType[] localTypes;
    private final int[] localSlots;
    private final Map<Long, Integer> constantSlots = new HashMap<>();
    private final long[] frameInit;
    private final int tempsBase;
    private final OperandStack stack;
    private final LoweringBuffer out = new LoweringBuffer();
    private final List<Control> controls = new ArrayList<>();
    /** The instruction that computed the top entry into its home, while it may be retargeted. */
    private int freshPc = -1;
    private final UnreachableCode unreachableCode = new UnreachableCode();

    private Lowering(Module module, int functionIndex, FunctionBody body, Instruction[] code) {
        this.module = module;
        this.type = module.functionType(functionIndex);
        this.resultTypes = types(type.results());
        int params = type.params().size();
        localTypes = new ValueType[params + body.locals().length];
        for (int i = 0; i < params; i++) {
            localTypes[i] = type.params().get(i);
        }
        System.arraycopy(body.locals(), 0, localTypes, params, body.locals().length);
        localSlots = new int[localTypes.length];
        int slot = 0;
        for (int i = 0; i < localTypes.length; i++) {
            localSlots[i] = slot;
            slot += localTypes[i].slots();
        }
        int localSlotCount = slot;
        long[] constants = mostUsedConstants(code);
        for (long bits : constants) {
            constantSlots.put(bits, slot++);
        }
        frameInit = new long[slot - type.paramSlots()];
        System.arraycopy(constants, 0, frameInit, localSlotCount - type.paramSlots(), constants.length);
        tempsBase = slot;
        stack = new OperandStack(tempsBase);
    }

    /** Lowers defined function {@code definedIndex} of a validated module. */
    static FunctionCode lower(Module module, int definedIndex) {
        FunctionBody body = module.code().get(definedIndex);
        int functionIndex = module.importedFunctionCount() + definedIndex;
        Instruction[] code = body.code(); // decoded from the module's bytes: once per lowering
        return new Lowering(module, functionIndex, body, code).run(code);
    }

    private FunctionCode run(Instruction[] code) {
        controls.add(new Control(Kind.FUNCTION, new ValueType[0], resultTypes, 0, 0, -1));
        for (Instruction instruction : code) {
            out.at(instruction.offset());
            if (!controls.getLast().unreachable) {
                lower(instruction);
            } else {
                skip(instruction.op());
            }
        }
        int frameSlots = Math.max(tempsBase + stack.maxHeightSlots(), type.resultSlots());
        return new FunctionCode(out.code(), out.byteOffsets(), frameInit, type.paramSlots(),
                type.resultSlots(), frameSlots);
    }

    /** The function's constants, most used first, at most {@link #MAX_POOLED_CONSTANTS}. */
    private static long[] mostUsedConstants(Instruction[] code) {
        Map<Long, Integer> uses = new HashMap<>();
        for (Instruction instruction : code) {
            switch (instruction.op()) {
                case I32_CONST -> uses.merge(instruction.c() & 0xFFFFFFFFL, 1, Integer::sum);
                case I64_CONST, F32_CONST, F64_CONST -> uses.merge(instruction.c(), 1, Integer::sum);
                case REF_NULL -> uses.merge(0L, 1, Integer::sum);
                default -> { }
            }
        }
        return uses.entrySet().stream()
                .sorted(Map.Entry.<Long, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_POOLED_CONSTANTS)
                .mapToLong(Map.Entry::getKey)
                .toArray();
    }

    /** In unreachable code: only the frame's own {@code else} and {@code end} matter. */
    private void skip(Op op) {
        Op own = unreachableCode.skip(op);
        if (own == Op.ELSE) {
            lowerElse();
        } else if (own == Op.END) {
            lowerEnd();
        }
    }

    private void lower(Instruction in) {
        Op op = in.op();
        switch (op) {
            case UNREACHABLE -> {
                out.emit(UNREACHABLE, 0, 0, 0);
                markUnreachable();
            }
            case NOP -> { }
            case BLOCK -> enter(Kind.BLOCK, in.blockType());
            case LOOP -> enter(Kind.LOOP, in.blockType());
            case IF -> lowerIf(in.blockType());
            case ELSE -> lowerElse();
            case END -> lowerEnd();
            case BR -> {
                branch(control(in.a()));
                markUnreachable();
            }
            case BR_IF -> branchIf(control(in.a()));
            case BR_TABLE -> branchTable(in.branchTable());
            case RETURN -> {
                emitReturn();
                markUnreachable();
            }
            case CALL -> call(in.a());
            case CALL_INDIRECT -> callIndirect(in.a(), in.b());
            case DROP -> {
                stack.pop();
                freshPc = -1;
            }
            case SELECT, SELECT_T -> select();
            case LOCAL_GET -> {
                stack.pushAlias(localTypes[in.a()], localSlots[in.a()]);
                freshPc = -1;
            }
            case LOCAL_SET -> setLocal(in.a(), false);
            case LOCAL_TEE -> setLocal(in.a(), true);
            case GLOBAL_GET -> getGlobal(in.a());
            case GLOBAL_SET -> {
                boolean wide = module.globalSpace().get(in.a()).type() == ValueType.V128;
                out.emit(wide ? GLOBAL_SET2 : GLOBAL_SET, in.a(), stack.pop(), 0);
            }
            case I32_CONST -> constant(ValueType.I32, in.c() & 0xFFFFFFFFL);
            case I64_CONST -> constant(ValueType.I64, in.c());
            case F32_CONST -> constant(ValueType.F32, in.c());
            case F64_CONST -> constant(ValueType.F64, in.c());
            case REF_NULL -> constant((ValueType) in.data(), 0);
            case REF_IS_NULL -> unary(I64_EQZ, ValueType.I32);
            case REF_FUNC -> result(REF_FUNC, ValueType.FUNCREF, in.a(), 0);
            case I64_EXTEND_I32_U -> retype(ValueType.I64);
            case I32_REINTERPRET_F32 -> retype(ValueType.I32);
            case I64_REINTERPRET_F64 -> retype(ValueType.I64);
            case F32_REINTERPRET_I32 -> retype(ValueType.F32);
            case F64_REINTERPRET_I64 -> retype(ValueType.F64);
            case I64_EXTEND32_S -> unary(I64_EXTEND_I32_S, ValueType.I64);
            case I32_LOAD, F32_LOAD, I64_LOAD32_U -> load(I32_LOAD, op, in);
            case I64_LOAD, F64_LOAD -> load(I64_LOAD, op, in);
            case I32_LOAD8_S -> load(Opcodes.I32_LOAD8_S, op, in);
            case I32_LOAD8_U, I64_LOAD8_U -> load(Opcodes.I32_LOAD8_U, op, in);
            case I32_LOAD16_S -> load(Opcodes.I32_LOAD16_S, op, in);
            case I32_LOAD16_U, I64_LOAD16_U -> load(Opcodes.I32_LOAD16_U, op, in);
            case I64_LOAD8_S -> load(Opcodes.I64_LOAD8_S, op, in);
            case I64_LOAD16_S -> load(Opcodes.I64_LOAD16_S, op, in);
            case I64_LOAD32_S -> load(Opcodes.I64_LOAD32_S, op, in);
            case I32_STORE, F32_STORE, I64_STORE32 -> store(I32_STORE, in);
            case I64_STORE, F64_STORE -> store(I64_STORE, in);
            case I32_STORE8, I64_STORE8 -> store(STORE8, in);
            case I32_STORE16, I64_STORE16 -> store(STORE16, in);
            case MEMORY_SIZE -> result(Opcodes.MEMORY_SIZE, ValueType.I32, 0, 0);
            case MEMORY_GROW -> unary(Opcodes.MEMORY_GROW, ValueType.I32);
            case MEMORY_INIT -> out.emit(Opcodes.MEMORY_INIT, operandBase(3), in.a(), 0);
            case DATA_DROP -> out.emit(Opcodes.DATA_DROP, in.a(), 0, 0);
            case MEMORY_COPY -> out.emit(Opcodes.MEMORY_COPY, operandBase(3), 0, 0);
            case MEMORY_FILL -> out.emit(Opcodes.MEMORY_FILL, operandBase(3), 0, 0);
            case TABLE_GET -> {
                int index = stack.pop();
                result(Opcodes.TABLE_GET, module.tableSpace().get(in.a()).elementType(), index, in.a());
            }
            case TABLE_SET -> {
                int value = stack.pop();
                out.emit(Opcodes.TABLE_SET, stack.pop(), value, in.a());
            }
            case TABLE_SIZE -> result(Opcodes.TABLE_SIZE, ValueType.I32, 0, in.a());
            case TABLE_GROW -> {
                int base = operandBase(2);
                stack.push(ValueType.I32);
                out.emit(Opcodes.TABLE_GROW, base, 0, in.a());
            }
            case TABLE_FILL -> out.emit(Opcodes.TABLE_FILL, operandBase(3), in.a(), 0);
            case TABLE_COPY -> out.emit(Opcodes.TABLE_COPY, operandBase(3), in.a(), in.b());
            case TABLE_INIT -> out.emit(Opcodes.TABLE_INIT, operandBase(3), in.a(), in.b());
            case ELEM_DROP -> out.emit(Opcodes.ELEM_DROP, in.a(), 0, 0);
            default -> {
                if (op.isSimd()) {
                    simd(op);
                } else {
                    numeric(op);
                }
            }
        }
    }

    // ---- control -----------------------------------------------------------------------------

    private Control control(int depth) {
        return controls.get(controls.size() - 1 - depth);
    }

    private void enter(Kind kind, BlockType blockType) {
        materializeAll();
        ValueType[] params = params(blockType);
        int height = stack.size() - params.length;
        int base = params.length == 0 ? stack.nextHome() : stack.home(height);
        out.label();
        freshPc = -1;
        controls.add(new Control(kind, params, results(blockType), height, base, kind == Kind.LOOP ? out.pc() : -1));
    }

    private void lowerIf(BlockType blockType) {
        Condition condition = popCondition();
        materializeAll();
        ValueType[] params = params(blockType);
        int height = stack.size() - params.length;
        int base = params.length == 0 ? stack.nextHome() : stack.home(height);
        int branch = emitBranch(negate(condition.opcode()), condition.x(), condition.y(), 0);
        Control control = new Control(Kind.IF, params, results(blockType), height, base, -1);
        control.elseBranch = branch;
        controls.add(control);
    }

    private void lowerElse() {
        Control control = controls.getLast();
        if (!control.unreachable) {
            materializeAll();
            control.addForward(emitBranch(BR, 0, 0, 0));
        }
        out.patch(control.elseBranch, out.pc());
        control.elseBranch = -1;
        control.unreachable = false;
        resetStack(control.height, control.params);
    }

    private void lowerEnd() {
        Control control = controls.removeLast();
        if (control.kind == Kind.FUNCTION) {
            // Branches to the function's label are returns already; only the fall-through is left.
            if (!control.unreachable) {
                emitReturn();
            }
            return;
        }
        boolean reachable = !control.unreachable;
        if (reachable) {
            materializeAll();
        }
        if (control.elseBranch >= 0) {
            // An if without else: when false, its parameters fall through as its results.
            out.patch(control.elseBranch, out.pc());
            reachable = true;
        }
        for (int i = 0; i < control.forwardCount; i++) {
            out.patch(control.forward[i], out.pc());
        }
        reachable |= control.forwardCount > 0;
        resetStack(control.height, control.results);
        controls.getLast().unreachable = !reachable;
    }

    /** After a label: the stack is the frame's entries plus {@code types}, all at home. */
    private void resetStack(int height, ValueType[] types) {
        out.label();
        freshPc = -1;
        stack.truncate(height);
        for (ValueType t : types) {
            stack.push(t);
        }
    }

    private void markUnreachable() {
        controls.getLast().unreachable = true;
        freshPc = -1;
    }

    private void branch(Control target) {
        if (target.kind == Kind.FUNCTION) {
            emitReturn();
        } else {
            emitLabelMoves(target);
            emitJump(target, BR, 0, 0);
        }
    }

    private void branchIf(Control target) {
        Condition condition = popCondition();
        if (target.kind != Kind.FUNCTION && !needsMoves(target)) {
            emitJump(target, condition.opcode(), condition.x(), condition.y());
        } else {
            int skip = emitBranch(negate(condition.opcode()), condition.x(), condition.y(), 0);
            branch(target);
            out.patch(skip, out.pc());
            out.label();
        }
    }

    private void branchTable(int[] depths) {
        int index = stack.pop();
        freshPc = -1;
        out.emit(BR_TABLE, index, depths.length - 1, 0);
        int table = out.pc();
        for (int i = 0; i < depths.length; i += 4) {
            out.extend(0, 0, 0, 0);
        }
        Map<Integer, Integer> pads = new HashMap<>();
        for (int i = 0; i < depths.length; i++) {
            Control target = control(depths[i]);
            if (target.kind != Kind.FUNCTION && !needsMoves(target)) {
                if (target.kind == Kind.LOOP) {
                    out.patch(table + i, target.start);
                } else {
                    target.addForward(table + i);
                }
            } else {
                Integer pad = pads.get(depths[i]);
                if (pad == null) {
                    pad = out.pc();
                    pads.put(depths[i], pad);
                    branch(target);
                }
                out.patch(table + i, pad);
            }
        }
        markUnreachable();
    }

    /** Emits a branch whose target is known or patched later; returns its target word. */
    private int emitBranch(int opcode, int x, int y, int target) {
        return out.emit(opcode, x, y, target) + 3;
    }

    private void emitJump(Control target, int opcode, int x, int y) {
        if (target.kind == Kind.LOOP) {
            emitBranch(opcode, x, y, target.start);
        } else {
            target.addForward(emitBranch(opcode, x, y, 0));
        }
    }

    /** Whether the label's values are not yet in the label's slots. */
    private boolean needsMoves(Control target) {
        ValueType[] types = target.labelTypes();
        int first = stack.size() - types.length;
        int slot = target.base;
        for (int i = 0; i < types.length; i++) {
            if (stack.slot(first + i) != slot) {
                return true;
            }
            slot += types[i].slots();
        }
        return false;
    }

    /**
     * Moves the label's values to its slots, in increasing order: each destination is at or
     * below its source's home and sources are homes or locals/constants, so no move clobbers a
     * later source. Leaves the virtual stack alone (this may be a conditional path).
     */
    private void emitLabelMoves(Control target) {
        ValueType[] types = target.labelTypes();
        int first = stack.size() - types.length;
        int slot = target.base;
        for (int i = 0; i < types.length; i++) {
            move(slot, stack.slot(first + i), types[i]);
            slot += types[i].slots();
        }
    }

    /**
     * Moves the results to slots 0... and returns. Results may alias locals that other results
     * are moved over, so they go home first (without changing the virtual stack).
     */
    private void emitReturn() {
        ValueType[] results = resultTypes;
        int first = stack.size() - results.length;
        if (results.length == 1 && results[0].slots() == 1) {
            out.emit(RETURN1, stack.slot(first), 0, 0);
            return;
        }
        for (int i = 0; i < results.length; i++) {
            move(stack.home(first + i), stack.slot(first + i), results[i]);
        }
        int slot = 0;
        for (int i = 0; i < results.length; i++) {
            move(slot, stack.home(first + i), results[i]);
            slot += results[i].slots();
        }
        out.emit(RETURN, 0, 0, 0);
    }

    /** Pops a branch condition, fusing the compare that computed it when there is one. */
    private Condition popCondition() {
        if (isFresh()) {
            int pc = freshPc;
            int fused = fusedBranch(out.word(pc));
            if (fused >= 0) {
                Condition condition = new Condition(fused, out.word(pc + 2), out.word(pc + 3));
                out.removeLast();
                stack.pop();
                freshPc = -1;
                return condition;
            }
        }
        freshPc = -1;
        return new Condition(BR_NEZ, stack.pop(), 0);
    }

    private static int fusedBranch(int opcode) {
        return switch (opcode) {
            case Opcodes.I32_EQZ -> BR_EQZ;
            case Opcodes.I64_EQZ -> BR_I64_EQZ;
            case Opcodes.I32_EQ -> BR_I32_EQ;
            case Opcodes.I32_NE -> BR_I32_NE;
            case Opcodes.I32_LT_S -> BR_I32_LT_S;
            case Opcodes.I32_LT_U -> BR_I32_LT_U;
            case Opcodes.I32_GT_S -> BR_I32_GT_S;
            case Opcodes.I32_GT_U -> BR_I32_GT_U;
            case Opcodes.I32_LE_S -> BR_I32_LE_S;
            case Opcodes.I32_LE_U -> BR_I32_LE_U;
            case Opcodes.I32_GE_S -> BR_I32_GE_S;
            case Opcodes.I32_GE_U -> BR_I32_GE_U;
            case Opcodes.I64_EQ -> BR_I64_EQ;
            case Opcodes.I64_NE -> BR_I64_NE;
            case Opcodes.I64_LT_S -> BR_I64_LT_S;
            case Opcodes.I64_LT_U -> BR_I64_LT_U;
            case Opcodes.I64_GT_S -> BR_I64_GT_S;
            case Opcodes.I64_GT_U -> BR_I64_GT_U;
            case Opcodes.I64_LE_S -> BR_I64_LE_S;
            case Opcodes.I64_LE_U -> BR_I64_LE_U;
            case Opcodes.I64_GE_S -> BR_I64_GE_S;
            case Opcodes.I64_GE_U -> BR_I64_GE_U;
            default -> -1;
        };
    }

    /** The branch that jumps exactly when {@code opcode} does not. */
    private static int negate(int opcode) {
        return switch (opcode) {
            case BR_NEZ -> BR_EQZ;
            case BR_EQZ -> BR_NEZ;
            case BR_I64_NEZ -> BR_I64_EQZ;
            case BR_I64_EQZ -> BR_I64_NEZ;
            case BR_I32_EQ -> BR_I32_NE;
            case BR_I32_NE -> BR_I32_EQ;
            case BR_I32_LT_S -> BR_I32_GE_S;
            case BR_I32_GE_S -> BR_I32_LT_S;
            case BR_I32_LT_U -> BR_I32_GE_U;
            case BR_I32_GE_U -> BR_I32_LT_U;
            case BR_I32_GT_S -> BR_I32_LE_S;
            case BR_I32_LE_S -> BR_I32_GT_S;
            case BR_I32_GT_U -> BR_I32_LE_U;
            case BR_I32_LE_U -> BR_I32_GT_U;
            case BR_I64_EQ -> BR_I64_NE;
            case BR_I64_NE -> BR_I64_EQ;
            case BR_I64_LT_S -> BR_I64_GE_S;
            case BR_I64_GE_S -> BR_I64_LT_S;
            case BR_I64_LT_U -> BR_I64_GE_U;
            case BR_I64_GE_U -> BR_I64_LT_U;
            case BR_I64_GT_S -> BR_I64_LE_S;
            case BR_I64_LE_S -> BR_I64_GT_S;
            case BR_I64_GT_U -> BR_I64_LE_U;
            case BR_I64_LE_U -> BR_I64_GT_U;
            default -> throw new IllegalArgumentException("not a conditional branch: " + opcode);
        };
    }

    // ---- calls -------------------------------------------------------------------------------

    private void call(int function) {
        FunctionType callee = module.functionType(function);
        out.emit(CALL, function, operandBase(callee.params().size()), 0);
        pushResults(callee);
    }

    private void callIndirect(int typeIndex, int table) {
        int index = stack.pop();
        FunctionType callee = module.types().get(typeIndex);
        int base = operandBase(callee.params().size());
        out.emit(CALL_INDIRECT, index, base, out.pc() + 4);
        out.extend(typeIndex, table, 0, 0);
        pushResults(callee);
    }

    private void pushResults(FunctionType callee) {
        for (ValueType t : callee.results()) {
            stack.push(t);
        }
        freshPc = -1;
    }

    /** Puts the top {@code count} entries in their homes, pops them and returns the first home. */
    private int operandBase(int count) {
        int first = stack.size() - count;
        for (int i = first; i < stack.size(); i++) {
            materialize(i);
        }
        int base = count == 0 ? stack.nextHome() : stack.home(first);
        stack.truncate(first);
        freshPc = -1;
        return base;
    }

    // ---- variables and values ----------------------------------------------------------------

    private void setLocal(int local, boolean tee) {
        int target = localSlots[local];
        ValueType t = localTypes[local];
        if (isFresh() && t.slots() == 1 && !aliasedBelowTop(target)) {
            out.patch(freshPc + 1, target);
        } else {
            for (int i = 0; i < stack.size() - 1; i++) {
                if (stack.slot(i) == target) {
                    materialize(i);
                }
            }
            move(target, stack.topSlot(), t);
        }
        stack.pop();
        freshPc = -1;
        if (tee) {
            stack.pushAlias(t, target);
        }
    }

    private boolean aliasedBelowTop(int slot) {
        for (int i = 0; i < stack.size() - 1; i++) {
            if (stack.slot(i) == slot) {
                return true;
            }
        }
        return false;
    }

    private void getGlobal(int global) {
        ValueType t = module.globalSpace().get(global).type();
        if (t == ValueType.V128) {
            out.emit(GLOBAL_GET2, stack.push(t), global, 0);
            freshPc = -1;
        } else {
            result(GLOBAL_GET, t, global, 0);
        }
    }

    private void constant(ValueType t, long bits) {
        Integer slot = constantSlots.get(bits);
        if (slot != null) {
            stack.pushAlias(t, slot);
            freshPc = -1;
        } else {
            result(CONST, t, (int) bits, (int) (bits >>> 32));
        }
    }

    /** A conversion that only changes the type: the bits in the slot stay as they are. */
    private void retype(ValueType t) {
        int index = stack.size() - 1;
        int slot = stack.slot(index);
        boolean atHome = stack.topAtHome();
        stack.pop();
        stack.pushAlias(t, slot);
        if (!atHome) {
            freshPc = -1;
        }
    }

    private void select() {
        int condition = stack.pop();
        int second = stack.pop();
        ValueType t = stack.topType();
        int first = stack.pop();
        int home = stack.push(t);
        move(home, first, t);
        out.emit(t == ValueType.V128 ? SELECT2 : SELECT, home, second, condition);
        freshPc = -1;
    }

    private void materializeAll() {
        for (int i = 0; i < stack.size(); i++) {
            materialize(i);
        }
    }

    private void materialize(int index) {
        int home = stack.home(index);
        move(home, stack.slot(index), stack.type(index));
        stack.moveTo(index, home);
    }

    private void move(int to, int from, ValueType t) {
        if (to != from) {
            out.emit(t == ValueType.V128 ? MOVE2 : MOVE, to, from, 0);
        }
    }

    private boolean isFresh() {
        return freshPc >= 0 && freshPc == out.lastPc() && stack.topAtHome();
    }

    // ---- operations --------------------------------------------------------------------------

    /** Emits an instruction writing a new top entry of type {@code t}: {@code [opcode, dst, b, c]}. */
    private void result(int opcode, ValueType t, int b, int c) {
        int dst = stack.push(t);
        freshPc = out.emit(opcode, dst, b, c);
    }

    private void unary(int opcode, ValueType resultType) {
        result(opcode, resultType, stack.pop(), 0);
    }

    private void load(int opcode, Op op, Instruction in) {
        ValueType t = Op.signatureType(op.signature().charAt(2));
        result(opcode, t, stack.pop(), (int) in.c());
    }

    private void store(int opcode, Instruction in) {
        int value = stack.pop();
        int address = stack.pop();
        out.emit(opcode, address, value, (int) in.c());
        freshPc = -1;
    }

    private void numeric(Op op) {
        String signature = op.signature();
        int arrow = signature.indexOf('>');
        int y = arrow == 2 ? stack.pop() : 0;
        int x = stack.pop();
        result(NumericOpcodes.of(op), Op.signatureType(signature.charAt(arrow + 1)), x, y);
    }

    /** SIMD: typed like the real thing, so the code around it lowers; running it throws. */
    private void simd(Op op) {
        String signature = op.signature();
        int arrow = signature.indexOf('>');
        for (int i = 0; i < arrow; i++) {
            stack.pop();
        }
        for (int i = arrow + 1; i < signature.length(); i++) {
            stack.push(Op.signatureType(signature.charAt(i)));
        }
        out.emit(SIMD_UNSUPPORTED, op.ordinal(), 0, 0);
        freshPc = -1;
    }

    // ---- types -------------------------------------------------------------------------------

    private ValueType[] params(BlockType blockType) {
        return blockType.isIndex() ? types(module.types().get(blockType.typeIndex()).params()) : new ValueType[0];
    }

    private ValueType[] results(BlockType blockType) {
        if (blockType.isIndex()) {
            return types(module.types().get(blockType.typeIndex()).results());
        }
        return blockType.result() == null ? new ValueType[0] : new ValueType[] {blockType.result()};
    }

    private static ValueType[] types(List<ValueType> list) {
        return list.toArray(ValueType[]::new);
    }
}
