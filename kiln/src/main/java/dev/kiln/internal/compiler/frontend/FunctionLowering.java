package dev.kiln.internal.compiler.frontend;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Builder;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.compiler.ssa.Variable;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.FunctionRecord;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.UnreachableCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Lowers one validated function to SSA in a single pass over its instructions, keeping the
 * WebAssembly operand stack as SSA values and the control frames on an explicit stack (no Java
 * recursion, however deep the nesting). docs/compiler.md, "Frontend", says how each construct
 * lowers; the essentials:
 *
 * <ul>
 *   <li>Locals are {@link Variable}s of the {@link Builder}, which builds SSA form as it goes.
 *   <li>A {@code block} opens no SSA block: its code continues the current one. Its end becomes a
 *       block (with the results as parameters) only once a branch targets it. A {@code loop}
 *       opens a header block whose parameters are the loop's; an {@code if} opens two arms.
 *   <li>Code after {@code br}, {@code br_table}, {@code return} or {@code unreachable} up to its
 *       frame's {@code else} or {@code end} is skipped, so no unreachable block is made.
 *   <li>Every check the spec requires is an explicit {@code trapif}.
 * </ul>
 */
final class FunctionLowering {

    private enum Kind { FUNCTION, BLOCK, LOOP, IF }

    /** A control frame: the function body, a block, a loop or an if. */
    private static final class Frame {
        final Kind kind;
        /** The operand stack's size below the frame's parameters. */
        final int height;
        final Type[] params;
        final Type[] results;
        /** A loop's header: where its branches go. */
        Block header;
        /**
         * Where the frame's end is, once something branches there (the function's: a block that
         * returns its parameters); its parameters are the frame's results.
         */
        Block follow;
        /** An if's else arm, until the {@code else} (or the {@code end}) starts it. */
        Block elseArm;
        /** An if's parameter values, which start the else arm again. */
        int[] ifParams;
        /** Whether the code being walked is unreachable (after a branch, a return, a trap). */
        boolean unreachable;

        Frame(Kind kind, int height, Type[] params, Type[] results) {
            this.kind = kind;
            this.height = height;
            this.params = params;
            this.results = results;
        }

        /** The types a branch to this frame passes. */
        Type[] labelTypes() {
            return kind == Kind.LOOP ? params : results;
        }
    }

    private final Module module;
    private final ModuleContextLayout layout;
    private final ToIntFunction<FunctionType> typeIds;
    private final FunctionBody body;
    private final Builder b;
    private final int executionContext;
    private final int moduleContext;
    private final Variable[] locals;
    private final Type[] resultTypes;

    private int[] stack = new int[16];
    private int stackSize;
    private final List<Frame> frames = new ArrayList<>();
    private final UnreachableCode unreachableCode = new UnreachableCode();

    /**
     * Per memory, its base and length as last read and the block they were read in. A base never
     * changes (the reservation does not move), so it is read once per block; a length changes
     * only through a grow, which only calls and exits can do, so each of those forgets it.
     */
    private final Block[] baseBlock;
    private final int[] base;
    private final Block[] lengthBlock;
    private final int[] length;

    FunctionLowering(Module module, ModuleContextLayout layout, ToIntFunction<FunctionType> typeIds,
                     int definedIndex, String name) {
        this.module = module;
        this.layout = layout;
        this.typeIds = typeIds;
        this.body = module.code().get(definedIndex);
        FunctionType type = module.functionType(module.importedFunctionCount() + definedIndex);
        this.b = new Builder(name, Frontend.signature(type));
        this.executionContext = b.entry().param(0);
        this.moduleContext = b.entry().param(1);
        this.resultTypes = Types.of(type.results());
        int params = type.params().size();
        ValueType[] declared = body.locals();
        this.locals = new Variable[params + declared.length];
        for (int i = 0; i < params; i++) {
            locals[i] = b.declareVariable(Types.of(type.params().get(i)));
            b.define(locals[i], b.entry().param(2 + i));
        }
        // Declared locals start at zero: one constant per type, however many locals share it.
        int[] zeros = new int[Type.values().length];
        Arrays.fill(zeros, -1);
        for (int i = 0; i < declared.length; i++) {
            Type t = Types.of(declared[i]);
            if (zeros[t.ordinal()] < 0) {
                zeros[t.ordinal()] = t.isInt() ? b.iconst(t, 0) : b.fconst(t, 0);
            }
            locals[params + i] = b.declareVariable(t);
            b.define(locals[params + i], zeros[t.ordinal()]);
        }
        int memories = module.memorySpace().size();
        baseBlock = new Block[memories];
        base = new int[memories];
        lengthBlock = new Block[memories];
        length = new int[memories];
    }

    /** Lowers the function, refusing one of more than {@code maxInstructions} instructions. */
    Function run(long maxInstructions) {
        Instruction[] code = body.code();
        if (code.length > maxInstructions) {
            throw new CompileException(CompileException.Reason.LIMIT, body.offset(), "function " + b.function().name()
                    + " has " + code.length + " instructions, more than the " + maxInstructions + " this compile allows"
                    + " (about " + Frontend.PEAK_HEAP_PER_INSTRUCTION + " bytes of heap each at the peak, and one function"
                    + " may take half the JVM's maximum heap): give the JVM more heap (-Xmx) or run the module"
                    + " on the interpreter");
        }
        frames.add(new Frame(Kind.FUNCTION, 0, new Type[0], resultTypes));
        for (Instruction in : code) {
            b.at(in.offset());
            if (frames.getLast().unreachable) {
                skip(in.op());
            } else {
                lower(in);
            }
        }
        return b.finish();
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
                b.trap(TrapKind.UNREACHABLE);
                markUnreachable();
            }
            case NOP -> { }
            case BLOCK -> frames.add(frame(Kind.BLOCK, in.blockType()));
            case LOOP -> enterLoop(in.blockType());
            case IF -> enterIf(in.blockType());
            case ELSE -> lowerElse();
            case END -> lowerEnd();
            case BR -> {
                branch(frameAt(in.a()));
                markUnreachable();
            }
            case BR_IF -> branchIf(frameAt(in.a()));
            case BR_TABLE -> {
                branchTable(in.branchTable());
                markUnreachable();
            }
            case RETURN -> {
                b.ret(top(resultTypes.length));
                markUnreachable();
            }
            case CALL -> call(in.a());
            case CALL_INDIRECT -> callIndirect(in.a(), in.b());
            case DROP -> pop();
            case SELECT, SELECT_T -> {
                int condition = pop();
                int second = pop();
                int first = pop();
                push(b.select(condition, first, second));
            }
            case LOCAL_GET -> push(b.use(locals[in.a()]));
            case LOCAL_SET -> b.define(locals[in.a()], pop());
            case LOCAL_TEE -> b.define(locals[in.a()], stack[stackSize - 1]);
            case GLOBAL_GET -> globalGet(in.a());
            case GLOBAL_SET -> globalSet(in.a());
            case I32_CONST -> push(b.iconst(Type.I32, in.c()));
            case I64_CONST -> push(b.iconst(Type.I64, in.c()));
            case F32_CONST -> push(b.fconst(Type.F32, in.c()));
            case F64_CONST -> push(b.fconst(Type.F64, in.c()));
            case REF_NULL -> push(b.iconst(Type.I64, 0));
            case REF_IS_NULL -> push(b.icmp(IntCondition.EQ, pop(), b.iconst(Type.I64, 0)));
            case REF_FUNC -> push(exit(ExitCode.REF_FUNC, Type.I64, new int[] {in.a()}));

            case I32_LOAD, I64_LOAD, F32_LOAD, F64_LOAD -> load(in, Opcode.LOAD);
            case I32_LOAD8_S, I64_LOAD8_S -> load(in, Opcode.SLOAD8);
            case I32_LOAD8_U, I64_LOAD8_U -> load(in, Opcode.ULOAD8);
            case I32_LOAD16_S, I64_LOAD16_S -> load(in, Opcode.SLOAD16);
            case I32_LOAD16_U, I64_LOAD16_U -> load(in, Opcode.ULOAD16);
            case I64_LOAD32_S -> load(in, Opcode.SLOAD32);
            case I64_LOAD32_U -> load(in, Opcode.ULOAD32);
            case I32_STORE, I64_STORE, F32_STORE, F64_STORE -> store(in, Opcode.STORE);
            case I32_STORE8, I64_STORE8 -> store(in, Opcode.ISTORE8);
            case I32_STORE16, I64_STORE16 -> store(in, Opcode.ISTORE16);
            case I64_STORE32 -> store(in, Opcode.ISTORE32);
            case MEMORY_SIZE -> {
                int pages = b.binary(Opcode.USHR, memoryLength(in.a()), b.iconst(Type.I64, 16));
                push(b.unary(Opcode.IREDUCE, Type.I32, pages));
            }
            case MEMORY_GROW -> push(exit(ExitCode.MEMORY_GROW, Type.I32, new int[] {in.a()}, pop()));
            case MEMORY_FILL -> exit(ExitCode.MEMORY_FILL, null, new int[] {in.a()}, pop(3));
            case MEMORY_COPY -> exit(ExitCode.MEMORY_COPY, null, new int[] {in.a(), in.b()}, pop(3));
            case MEMORY_INIT -> exit(ExitCode.MEMORY_INIT, null, new int[] {in.a(), in.b()}, pop(3));
            case DATA_DROP -> exit(ExitCode.DATA_DROP, null, new int[] {in.a()});

            case TABLE_GET -> tableGet(in.a());
            case TABLE_SET -> exit(ExitCode.TABLE_SET, null, new int[] {in.a()}, pop(2));
            case TABLE_SIZE -> push(tableLength(tableDescriptor(in.a())));
            case TABLE_GROW -> push(exit(ExitCode.TABLE_GROW, Type.I32, new int[] {in.a()}, pop(2)));
            case TABLE_FILL -> exit(ExitCode.TABLE_FILL, null, new int[] {in.a()}, pop(3));
            case TABLE_COPY -> exit(ExitCode.TABLE_COPY, null, new int[] {in.a(), in.b()}, pop(3));
            case TABLE_INIT -> exit(ExitCode.TABLE_INIT, null, new int[] {in.a(), in.b()}, pop(3));
            case ELEM_DROP -> exit(ExitCode.ELEM_DROP, null, new int[] {in.a()});
            default -> {
                if (Numerics.isBinary(op)) {
                    int y = pop();
                    int x = pop();
                    push(Numerics.emit(b, op, x, y));
                } else {
                    push(Numerics.emit(b, op, pop(), -1));
                }
            }
        }
    }

    // Control.

    private Frame frame(Kind kind, BlockType type) {
        Type[] params = params(type);
        return new Frame(kind, stackSize - params.length, params, results(type));
    }

    private Frame frameAt(int depth) {
        return frames.get(frames.size() - 1 - depth);
    }

    private void enterLoop(BlockType type) {
        Frame frame = frame(Kind.LOOP, type);
        frame.header = b.createBlock();
        for (Type t : frame.params) {
            b.appendParam(frame.header, t);
        }
        b.jump(frame.header, top(frame.params.length));
        b.switchTo(frame.header);
        stackSize = frame.height;
        pushParams(frame.header, frame.params.length);
        frames.add(frame);
    }

    private void enterIf(BlockType type) {
        int condition = pop();
        Frame frame = frame(Kind.IF, type);
        Block then = b.createBlock();
        frame.elseArm = b.createBlock();
        frame.ifParams = top(frame.params.length);
        b.brIf(condition, then, new int[0], frame.elseArm, new int[0]);
        b.seal(then);
        b.seal(frame.elseArm);
        b.switchTo(then);
        frames.add(frame);
    }

    private void lowerElse() {
        Frame frame = frames.getLast();
        if (!frame.unreachable) {
            b.jump(follow(frame), top(frame.results.length));
        }
        startElse(frame);
    }

    /** Starts an if's else arm, with the stack as it was at the {@code if}. */
    private void startElse(Frame frame) {
        stackSize = frame.height;
        for (int v : frame.ifParams) {
            push(v);
        }
        b.switchTo(frame.elseArm);
        frame.elseArm = null;
        frame.unreachable = false;
    }

    private void lowerEnd() {
        Frame frame = frames.removeLast();
        switch (frame.kind) {
            case FUNCTION -> {
                if (!frame.unreachable) {
                    b.ret(top(resultTypes.length));
                }
                if (frame.follow != null) {
                    // Where br_if and br_table to the function's label go: it returns their values.
                    b.seal(frame.follow);
                    b.switchTo(frame.follow);
                    int[] values = new int[resultTypes.length];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = frame.follow.param(i);
                    }
                    b.ret(values);
                }
            }
            case LOOP -> {
                // Every branch back to the header is inside the loop; the end is the fall-through.
                b.seal(frame.header);
                endWithoutFollow(frame);
            }
            case BLOCK, IF -> {
                if (frame.elseArm != null) {
                    // An if without else: when false, its parameters are its results.
                    if (!frame.unreachable) {
                        b.jump(follow(frame), top(frame.results.length));
                    }
                    startElse(frame);
                }
                if (frame.follow == null) {
                    endWithoutFollow(frame);
                } else {
                    if (!frame.unreachable) {
                        b.jump(frame.follow, top(frame.results.length));
                    }
                    b.seal(frame.follow);
                    b.switchTo(frame.follow);
                    stackSize = frame.height;
                    pushParams(frame.follow, frame.results.length);
                }
            }
        }
    }

    /** The end of a frame nothing branched to: the code goes on in the current block, if any. */
    private void endWithoutFollow(Frame frame) {
        if (frame.unreachable) {
            stackSize = frame.height;
            frames.getLast().unreachable = true;
        }
    }

    /** The block a branch to {@code frame} goes to. */
    private Block label(Frame frame) {
        return frame.kind == Kind.LOOP ? frame.header : follow(frame);
    }

    /** The frame's end block, made (with the results as parameters) the first time it is needed. */
    private Block follow(Frame frame) {
        if (frame.follow == null) {
            frame.follow = b.createBlock();
            for (Type t : frame.results) {
                b.appendParam(frame.follow, t);
            }
        }
        return frame.follow;
    }

    private void branch(Frame target) {
        int[] values = top(target.labelTypes().length);
        if (target.kind == Kind.FUNCTION) {
            b.ret(values);
        } else {
            b.jump(label(target), values);
        }
    }

    private void branchIf(Frame target) {
        int condition = pop();
        Block next = b.createBlock();
        b.brIf(condition, label(target), top(target.labelTypes().length), next, new int[0]);
        b.seal(next);
        b.switchTo(next);
    }

    private void branchTable(int[] depths) {
        int index = pop();
        Frame otherwise = frameAt(depths[depths.length - 1]);
        Block[] cases = new Block[depths.length - 1];
        for (int i = 0; i < cases.length; i++) {
            cases[i] = label(frameAt(depths[i]));
        }
        b.brTable(index, top(otherwise.labelTypes().length), label(otherwise), cases);
    }

    private void markUnreachable() {
        frames.getLast().unreachable = true;
    }

    // Calls.

    private void call(int function) {
        FunctionType type = module.functionType(function);
        int[] arguments = pop(type.params().size());
        List<Type> results = List.of(Types.of(type.results()));
        int[] values;
        if (function < module.importedFunctionCount()) {
            int entry = layout.importedFunction(function);
            int code = b.load(Opcode.LOAD, Type.I64, moduleContext, entry + ModuleContextLayout.IMPORT_CODE);
            int context = b.load(Opcode.LOAD, Type.I64, moduleContext, entry + ModuleContextLayout.IMPORT_CONTEXT);
            values = b.callIndirect(results, code, withContexts(context, arguments));
        } else {
            values = b.call(function, results, withContexts(moduleContext, arguments));
        }
        forgetLengths();
        pushAll(values);
    }

    /**
     * Through table {@code table}: the index must be in the table, the element not null and of
     * the expected type; then the call goes to the record's code with the record's context.
     */
    private void callIndirect(int typeIndex, int table) {
        FunctionType type = module.types().get(typeIndex);
        int index = pop();
        int[] arguments = pop(type.params().size());
        int descriptor = tableDescriptor(table);
        b.trapIf(TrapKind.UNDEFINED_ELEMENT, b.icmp(IntCondition.GE_U, index, tableLength(descriptor)));
        int record = b.load(Opcode.LOAD, Type.I64, elementAddress(descriptor, index), 0);
        b.trapIf(TrapKind.UNINITIALIZED_ELEMENT, b.icmp(IntCondition.EQ, record, b.iconst(Type.I64, 0)));
        int typeId = b.load(Opcode.LOAD, Type.I32, record, FunctionRecord.TYPE_ID);
        int expected = b.iconst(Type.I32, typeIds.applyAsInt(type));
        b.trapIf(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, b.icmp(IntCondition.NE, typeId, expected));
        int code = b.load(Opcode.LOAD, Type.I64, record, FunctionRecord.CODE);
        int context = b.load(Opcode.LOAD, Type.I64, record, FunctionRecord.CONTEXT);
        int[] values = b.callIndirect(List.of(Types.of(type.results())), code, withContexts(context, arguments));
        forgetLengths();
        pushAll(values);
    }

    /** The execution context, the callee's module context, then {@code arguments}. */
    private int[] withContexts(int calleeContext, int[] arguments) {
        int[] all = new int[arguments.length + 2];
        all[0] = executionContext;
        all[1] = calleeContext;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return all;
    }

    /**
     * A {@code call_exit}: the contexts, {@code immediates} as {@code i32} constants, then
     * {@code operands}; returns the result, or -1 when {@code result} is {@code null}.
     */
    private int exit(ExitCode code, Type result, int[] immediates, int... operands) {
        int[] arguments = new int[2 + immediates.length + operands.length];
        arguments[0] = executionContext;
        arguments[1] = moduleContext;
        for (int i = 0; i < immediates.length; i++) {
            arguments[2 + i] = b.iconst(Type.I32, immediates[i]);
        }
        System.arraycopy(operands, 0, arguments, 2 + immediates.length, operands.length);
        int[] values = b.callExit(code, result == null ? List.of() : List.of(result), arguments);
        forgetLengths();
        return result == null ? -1 : values[0];
    }

    // Globals: cells in the module context, reached by index (lowering knows defined from imported).

    private void globalGet(int global) {
        GlobalType type = module.globalSpace().get(global);
        int value = b.globalGet(Types.of(type.type()), moduleContext, global);
        if (type.type() == ValueType.FUNCREF) {
            // The cell holds the store's reference id, as for every engine; compiled code's
            // funcref is the record address.
            value = exit(ExitCode.FUNCREF_FROM_ID, Type.I64, new int[0], value);
        }
        push(value);
    }

    private void globalSet(int global) {
        int value = pop();
        if (module.globalSpace().get(global).type() == ValueType.FUNCREF) {
            value = exit(ExitCode.FUNCREF_TO_ID, Type.I64, new int[0], value);
        }
        b.globalSet(moduleContext, global, value);
    }

    // Memory.

    private void load(Instruction in, Opcode opcode) {
        Type result = Types.of(Op.signatureType(in.op().signature().charAt(2)));
        int address = checkedAddress(in);
        push(b.load(opcode, result, address, in.c()));
    }

    private void store(Instruction in, Opcode opcode) {
        int value = pop();
        b.store(opcode, checkedAddress(in), value, in.c());
    }

    /**
     * Pops the address operand of a load or store and checks in 64 bits, where nothing wraps,
     * that {@code address + offset + size <= length} (else MEMORY_OUT_OF_BOUNDS); returns the
     * native address of byte {@code address}, to which the access adds the offset.
     */
    private int checkedAddress(Instruction in) {
        int address = b.unary(Opcode.UEXTEND, Type.I64, pop());
        int end = b.binary(Opcode.IADD, address, b.iconst(Type.I64, in.c() + in.op().accessBytes()));
        b.trapIf(TrapKind.MEMORY_OUT_OF_BOUNDS, b.icmp(IntCondition.GT_U, end, memoryLength(0)));
        return b.binary(Opcode.IADD, memoryBase(0), address);
    }

    private int memoryBase(int memory) {
        if (baseBlock[memory] != b.current()) {
            base[memory] = b.memoryBase(moduleContext, memory);
            baseBlock[memory] = b.current();
        }
        return base[memory];
    }

    private int memoryLength(int memory) {
        if (lengthBlock[memory] != b.current()) {
            length[memory] = b.memoryLength(moduleContext, memory);
            lengthBlock[memory] = b.current();
        }
        return length[memory];
    }

    private void forgetLengths() {
        Arrays.fill(lengthBlock, null);
    }

    // Tables: read inline through the descriptor; every change is an exit (see TableInstance).

    private void tableGet(int table) {
        int index = pop();
        int descriptor = tableDescriptor(table);
        b.trapIf(TrapKind.TABLE_OUT_OF_BOUNDS, b.icmp(IntCondition.GE_U, index, tableLength(descriptor)));
        push(b.load(Opcode.LOAD, Type.I64, elementAddress(descriptor, index), 0));
    }

    private int tableDescriptor(int table) {
        return b.load(Opcode.LOAD, Type.I64, moduleContext, layout.table(table));
    }

    private int tableLength(int descriptor) {
        return b.load(Opcode.LOAD, Type.I32, descriptor, TableInstance.LENGTH);
    }

    /** The address of element {@code index} (checked already) of the table at {@code descriptor}. */
    private int elementAddress(int descriptor, int index) {
        int elements = b.load(Opcode.LOAD, Type.I64, descriptor, TableInstance.BASE);
        int offset = b.binary(Opcode.ISHL, b.unary(Opcode.UEXTEND, Type.I64, index), b.iconst(Type.I64, 3));
        return b.binary(Opcode.IADD, elements, offset);
    }

    // The operand stack.

    private void push(int value) {
        if (stackSize == stack.length) {
            stack = Arrays.copyOf(stack, stackSize * 2);
        }
        stack[stackSize++] = value;
    }

    private void pushAll(int[] values) {
        for (int v : values) {
            push(v);
        }
    }

    /** Pushes the first {@code n} parameters of {@code block}: its explicit ones, not the variables'. */
    private void pushParams(Block block, int n) {
        for (int i = 0; i < n; i++) {
            push(block.param(i));
        }
    }

    private int pop() {
        return stack[--stackSize];
    }

    /** Pops the top {@code n} values; returns them bottom first. */
    private int[] pop(int n) {
        int[] values = top(n);
        stackSize -= n;
        return values;
    }

    /** The top {@code n} values, bottom first, left on the stack. */
    private int[] top(int n) {
        return Arrays.copyOfRange(stack, stackSize - n, stackSize);
    }

    // Block types.

    private Type[] params(BlockType type) {
        return type.isIndex() ? Types.of(module.types().get(type.typeIndex()).params()) : new Type[0];
    }

    private Type[] results(BlockType type) {
        if (type.isIndex()) {
            return Types.of(module.types().get(type.typeIndex()).results());
        }
        return type.result() == null ? new Type[0] : new Type[] {Types.of(type.result())};
    }
}
