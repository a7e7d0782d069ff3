package dev.kiln.internal.compiler.ssa;

import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.ExitCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link Function}: what the frontend calls while it walks a WebAssembly body. It makes
 * blocks, emits instructions at the end of the current block, and turns variables into SSA
 * values directly, by the algorithm of Braun et al. ("Simple and Efficient Construction of
 * Static Single Assignment Form", 2013), with block parameters in the place of phis:
 *
 * <ul>
 *   <li>{@link #define} records a variable's current value in the current block; {@link #use}
 *       finds it, looking back through predecessors;
 *   <li>a block is <em>sealed</em> ({@link #seal}) once all its predecessors are known. Looking
 *       a variable up in an unsealed block (a loop header before its back edges) adds a
 *       parameter for it there; sealing passes the variable's value from every predecessor
 *       as the argument. A sealed block with several predecessors gets a parameter the same way,
 *       right away.
 * </ul>
 *
 * <p>Parameters that turn out redundant (every argument the same value, or the parameter
 * itself) stay; the redundant-parameter pass removes them, which keeps construction simple and
 * never needs to rewrite uses. The lookups use explicit work lists rather than recursion, so a
 * body nested 10,000 blocks deep does not overflow the Java stack.
 *
 * <p>A block's explicit parameters ({@link #appendParam}: WebAssembly block results and loop
 * parameters) come before the variables' and must be added before anything branches to it; a
 * branch passes arguments for the explicit ones only, and the builder appends the rest.
 */
public final class Builder {

    private final Function function;
    private BlockState[] states = new BlockState[16];
    private final List<Type> variableTypes = new ArrayList<>();
    private Block current;
    private int sourceOffset = -1;

    /** Blocks still to get the arguments of a new variable parameter from their predecessors. */
    private final List<Pending> pending = new ArrayList<>();
    /** The blocks one lookup has walked through, to record what it found in each. */
    private final List<Block> walked = new ArrayList<>();
    /** Numbers the lookups, for {@link BlockState#walkedBy}. */
    private int lookups;

    /** Per block: what SSA construction knows of it. */
    private static final class BlockState {
        boolean sealed;
        int explicitParams;
        final List<Edge> predecessors = new ArrayList<>(2);
        final IntMap definitions = new IntMap();
        /** Variables given a parameter while the block was unsealed, in parameter order. */
        final IntList incomplete = new IntList();
        /** The lookup that last walked through this block, to notice a cycle of single predecessors. */
        int walkedBy = -1;
    }

    /** One incoming edge: the branch and which of its targets. */
    private record Edge(Instruction branch, int target) {}

    /** Parameter {@code param} of {@code block} is variable {@code variable}: fill in its arguments. */
    private record Pending(Block block, int param, int variable) {}

    /** Starts {@code name}: an entry block with one parameter per signature parameter, current and sealed. */
    public Builder(String name, Signature signature) {
        function = new Function(name, signature);
        Block entry = createBlock();
        for (Type t : signature.params()) {
            appendParam(entry, t);
        }
        state(entry).sealed = true; // nothing may branch to the entry
        current = entry;
    }

    /** The entry block. */
    public Block entry() {
        return function.entry();
    }

    /** The function's values, their types and its blocks so far. */
    public Function function() {
        return function;
    }

    /** A new empty, unsealed block, laid out after the others. */
    public Block createBlock() {
        Block block = function.newBlock();
        if (block.id() >= states.length) {
            states = Arrays.copyOf(states, states.length * 2);
        }
        states[block.id()] = new BlockState();
        return block;
    }

    /** Adds an explicit parameter to {@code block}, before anything branches to it; returns its value. */
    public int appendParam(Block block, Type type) {
        BlockState s = state(block);
        if (!s.predecessors.isEmpty() || s.incomplete.size() > 0 || block.paramCount() != s.explicitParams) {
            throw new IllegalStateException(block + " already has predecessors or variable parameters");
        }
        s.explicitParams++;
        return block.appendParam(type);
    }

    /** Makes {@code block} the one instructions are emitted into; it must not be terminated. */
    public void switchTo(Block block) {
        if (block.terminator() != null) {
            throw new IllegalStateException(block + " is already terminated");
        }
        current = block;
    }

    /**
     * From here on, instructions lower the WebAssembly instruction at byte {@code offset} of the
     * module binary ({@link Instruction#sourceOffset}).
     */
    public void at(int offset) {
        sourceOffset = offset;
    }

    /** The block being emitted into, or {@code null} after a terminator until {@link #switchTo}. */
    public Block current() {
        return current;
    }

    /** Says that {@code block} has all its predecessors: its variable parameters get their arguments. */
    public void seal(Block block) {
        BlockState s = state(block);
        if (s.sealed) {
            throw new IllegalStateException(block + " is already sealed");
        }
        s.sealed = true;
        int first = block.paramCount() - s.incomplete.size();
        for (int k = 0; k < s.incomplete.size(); k++) {
            for (Edge e : s.predecessors) {
                e.branch().appendArgument(e.target(), -1);
            }
            pending.add(new Pending(block, first + k, s.incomplete.get(k)));
        }
        s.incomplete.clear();
        resolvePending();
    }

    /** Returns the function; every block must be sealed. */
    public Function finish() {
        for (Block b : function.blocks()) {
            if (!state(b).sealed) {
                throw new IllegalStateException(b + " is not sealed");
            }
        }
        return function;
    }

    // Variables.

    /** A new variable holding values of {@code type}; it has no value until defined. */
    public Variable declareVariable(Type type) {
        variableTypes.add(type);
        return new Variable(variableTypes.size() - 1, type);
    }

    /** From here on in the current block, {@code variable} holds {@code value}. */
    public void define(Variable variable, int value) {
        if (function.type(value) != variable.type()) {
            throw new IllegalArgumentException("v" + value + " is " + function.type(value) + ", the variable " + variable.type());
        }
        state(requireCurrent()).definitions.put(variable.index(), value);
    }

    /** The value {@code variable} holds here in the current block. */
    public int use(Variable variable) {
        int value = lookup(requireCurrent(), variable.index());
        resolvePending();
        return value;
    }

    /**
     * The variable's value where {@code start} ends now (for the current block: at the point of
     * emission). Walks up single predecessors; stops at a definition, or makes a parameter where
     * the predecessors are unknown (unsealed) or several. Records the answer in every block
     * walked, so the next lookup stops early.
     */
    private int lookup(Block start, int variable) {
        int lookup = lookups++;
        walked.clear();
        Block b = start;
        int value;
        while (true) {
            BlockState s = state(b);
            value = s.definitions.get(variable);
            if (value != IntMap.ABSENT) {
                break;
            }
            if (!s.sealed) {
                value = b.appendParam(variableTypes.get(variable));
                s.incomplete.add(variable);
                break;
            }
            if (s.predecessors.isEmpty()) {
                throw new IllegalStateException("variable " + variable + " is used in " + start
                        + " but no definition reaches it");
            }
            if (s.predecessors.size() == 1 && s.walkedBy != lookup) {
                s.walkedBy = lookup;
                walked.add(b);
                b = s.predecessors.getFirst().branch().block();
                continue;
            }
            // Several predecessors, or a cycle of single ones (only in code the entry cannot reach).
            value = b.appendParam(variableTypes.get(variable));
            for (Edge e : s.predecessors) {
                e.branch().appendArgument(e.target(), -1);
            }
            pending.add(new Pending(b, b.paramCount() - 1, variable));
            break;
        }
        state(b).definitions.put(variable, value);
        for (Block w : walked) {
            state(w).definitions.put(variable, value);
        }
        return value;
    }

    /** Fills in the arguments of new parameters; lookups this does may add more. */
    private void resolvePending() {
        while (!pending.isEmpty()) {
            Pending p = pending.removeLast();
            for (Edge e : state(p.block()).predecessors) {
                int value = lookup(e.branch().block(), p.variable());
                e.branch().setArgument(e.target(), p.param(), value);
            }
        }
    }

    // Instructions. Each returns its result, if it has one.

    /** An integer constant; an {@code i32}'s value is truncated to 32 bits and kept sign-extended. */
    public int iconst(Type type, long value) {
        return emit(Opcode.ICONST, type == Type.I32 ? (int) value : value, type);
    }

    /**
     * A float constant by its bits (an {@code f32}'s in the low 32): how the frontend keeps a NaN's
     * payload exactly, which a trip through {@code float} need not.
     */
    public int fconst(Type type, long bits) {
        return emit(Opcode.FCONST, type == Type.F32 ? bits & 0xFFFF_FFFFL : bits, type);
    }

    /** An {@code f32} constant. */
    public int f32const(float value) {
        return emit(Opcode.FCONST, Float.floatToRawIntBits(value) & 0xFFFF_FFFFL, Type.F32);
    }

    /** An {@code f64} constant. */
    public int f64const(double value) {
        return emit(Opcode.FCONST, Double.doubleToRawLongBits(value), Type.F64);
    }

    /** A {@link Form#UNARY} operation (arithmetic or conversion) giving a {@code result}. */
    public int unary(Opcode op, Type result, int x) {
        return emit(op, Form.UNARY, 0, result, x);
    }

    /** A {@link Form#BINARY} operation; the result has the operands' type. */
    public int binary(Opcode op, int x, int y) {
        return emit(op, Form.BINARY, 0, function.type(x), x, y);
    }

    /** An integer comparison, 1 or 0 as an {@code i32}. */
    public int icmp(IntCondition condition, int x, int y) {
        return emit(Opcode.ICMP, Form.ICMP, condition.ordinal(), Type.I32, x, y);
    }

    /** A float comparison, 1 or 0 as an {@code i32}. */
    public int fcmp(FloatCondition condition, int x, int y) {
        return emit(Opcode.FCMP, Form.FCMP, condition.ordinal(), Type.I32, x, y);
    }

    /** {@code x} if {@code condition} is non-zero, else {@code y}. */
    public int select(int condition, int x, int y) {
        return emit(Opcode.SELECT, Form.SELECT, 0, function.type(x), condition, x, y);
    }

    /** A load of {@code op}'s width from {@code address + offset}, giving a {@code result}. */
    public int load(Opcode op, Type result, int address, long offset) {
        return emit(op, Form.LOAD, offset, result, address);
    }

    /** A store of {@code op}'s width of {@code value} at {@code address + offset}. */
    public void store(Opcode op, int address, int value, long offset) {
        emit(op, Form.STORE, offset, null, address, value);
    }

    /** The base address of memory {@code memory}, through the module context {@code context}. */
    public int memoryBase(int context, int memory) {
        return emit(Opcode.MEMORY_BASE, Form.MEMORY, memory, Type.I64, context);
    }

    /** The byte length of memory {@code memory}, through the module context {@code context}. */
    public int memoryLength(int context, int memory) {
        return emit(Opcode.MEMORY_LENGTH, Form.MEMORY, memory, Type.I64, context);
    }

    /** The value of global {@code global}, of type {@code type}. */
    public int globalGet(Type type, int context, int global) {
        return emit(Opcode.GLOBAL_GET, Form.GLOBAL_GET, global, type, context);
    }

    /** Sets global {@code global} to {@code value}. */
    public void globalSet(int context, int global, int value) {
        emit(Opcode.GLOBAL_SET, Form.GLOBAL_SET, global, null, context, value);
    }

    /** Calls function {@code index}; returns the results, of the given types. */
    public int[] call(int index, List<Type> results, int... arguments) {
        return append(Opcode.CALL, index, arguments, results);
    }

    /** Calls the code at {@code address}; {@code arguments} start with the contexts. */
    public int[] callIndirect(List<Type> results, int address, int... arguments) {
        int[] operands = new int[arguments.length + 1];
        operands[0] = address;
        System.arraycopy(arguments, 0, operands, 1, arguments.length);
        return append(Opcode.CALL_INDIRECT, 0, operands, results);
    }

    /** Exits to Java with {@code code}; {@code arguments} start with the execution context. */
    public int[] callExit(ExitCode code, List<Type> results, int... arguments) {
        return append(Opcode.CALL_EXIT, code.ordinal(), arguments, results);
    }

    /** Traps with {@code kind} if {@code condition} is non-zero. */
    public void trapIf(TrapKind kind, int condition) {
        emit(Opcode.TRAPIF, Form.TRAPIF, kind.ordinal(), null, condition);
    }

    // Terminators. Each ends the current block; there is none until the next switchTo.

    /** Jumps to {@code target} with arguments for its explicit parameters. */
    public void jump(Block target, int... arguments) {
        terminate(Opcode.JUMP, 0, new int[0], new Block[] {target}, new int[][] {arguments});
    }

    /** To {@code then} if {@code condition} is non-zero, else to {@code otherwise}. */
    public void brIf(int condition, Block then, int[] thenArguments, Block otherwise, int[] otherwiseArguments) {
        terminate(Opcode.BRIF, 0, new int[] {condition}, new Block[] {then, otherwise},
                new int[][] {thenArguments, otherwiseArguments});
    }

    /** To {@code cases[index]}, or {@code otherwise} if out of range, each passed {@code arguments}. */
    public void brTable(int index, int[] arguments, Block otherwise, Block... cases) {
        Block[] targets = new Block[cases.length + 1];
        targets[0] = otherwise;
        System.arraycopy(cases, 0, targets, 1, cases.length);
        int[][] args = new int[targets.length][];
        Arrays.fill(args, arguments);
        terminate(Opcode.BR_TABLE, 0, new int[] {index}, targets, args);
    }

    /** Returns {@code values}. */
    public void ret(int... values) {
        terminate(Opcode.RETURN, 0, values, new Block[0], new int[0][]);
    }

    /** Traps with {@code kind}. */
    public void trap(TrapKind kind) {
        terminate(Opcode.TRAP, kind.ordinal(), new int[0], new Block[0], new int[0][]);
    }

    private void terminate(Opcode op, long immediate, int[] operands, Block[] targets, int[][] arguments) {
        Block from = requireCurrent();
        for (int t = 0; t < targets.length; t++) {
            BlockState s = state(targets[t]);
            if (s.sealed) {
                throw new IllegalStateException(targets[t] + " is sealed: it cannot get another predecessor");
            }
            if (arguments[t].length != s.explicitParams) {
                throw new IllegalArgumentException(targets[t] + " takes " + s.explicitParams + " arguments, not "
                        + arguments[t].length);
            }
        }
        Instruction i = new Instruction(op, immediate, operands, new int[0], targets, arguments);
        i.sourceOffset = sourceOffset;
        from.append(i);
        for (int t = 0; t < targets.length; t++) {
            state(targets[t]).predecessors.add(new Edge(i, t));
        }
        current = null;
    }

    private int emit(Opcode op, long immediate, Type result) {
        return append(op, immediate, new int[0], List.of(result))[0];
    }

    private int emit(Opcode op, Form form, long immediate, Type result, int... operands) {
        if (op.form() != form) {
            throw new IllegalArgumentException(op.mnemonic() + " is not of form " + form);
        }
        int[] results = append(op, immediate, operands, result == null ? List.of() : List.of(result));
        return results.length == 0 ? -1 : results[0];
    }

    private int[] append(Opcode op, long immediate, int[] operands, List<Type> resultTypes) {
        Block block = requireCurrent();
        int[] results = new int[resultTypes.size()];
        for (int r = 0; r < results.length; r++) {
            results[r] = function.newValue(resultTypes.get(r));
        }
        Instruction i = new Instruction(op, immediate, operands, results);
        i.sourceOffset = sourceOffset;
        block.append(i);
        return results;
    }

    private Block requireCurrent() {
        if (current == null) {
            throw new IllegalStateException("no current block: the last one was terminated");
        }
        return current;
    }

    private BlockState state(Block block) {
        if (block.function() != function) {
            throw new IllegalArgumentException(block + " is not a block of this function");
        }
        return states[block.id()];
    }
}
