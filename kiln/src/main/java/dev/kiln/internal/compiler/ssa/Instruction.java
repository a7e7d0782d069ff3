package dev.kiln.internal.compiler.ssa;

import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.ExitCode;

/**
 * One SSA instruction: an {@link Opcode}, its operand values, the values it defines, one
 * immediate and, for a terminator, its targets with the arguments passed to each target's
 * parameters. Values are dense {@code int} ids of the {@link Function}; their types live there.
 *
 * <p>What the immediate holds depends on the {@link Form}: a constant's value or bits, a memory
 * access's offset, a memory, global or function index, or the ordinal of the condition, trap
 * kind or exit code (read through the typed accessors).
 *
 * <p>An instruction belongs to at most one {@link Block}, in whose doubly linked list it sits.
 */
public final class Instruction {

    private static final int[] NONE = {};
    // shared by every non-branch: a huge function has a million instructions, most without targets
    private static final Block[] NO_TARGETS = {};
    private static final int[][] NO_TARGET_ARGUMENTS = {};
    private static final IntList[] NO_ARGUMENTS = {};
    private static final IntCondition[] INT_CONDITIONS = IntCondition.values();
    private static final FloatCondition[] FLOAT_CONDITIONS = FloatCondition.values();
    private static final TrapKind[] TRAP_KINDS = TrapKind.values();
    private static final ExitCode[] EXIT_CODES = ExitCode.values();

    private final Opcode opcode;
    private final long immediate;
    private final int[] operands;
    private final int[] results;
    private final Block[] targets;
    private final IntList[] arguments;

    /** Where in the module binary the WebAssembly instruction this came from starts; -1 if nowhere. */
    int sourceOffset = -1;

    Block block;
    Instruction prev;
    Instruction next;

    /**
     * A new instruction that is not a branch, in no block yet: what a pass puts in the place of
     * one it rewrites. Its results must be values of the function (new ones, or the results of
     * the instruction it replaces, so that uses need no rewriting).
     */
    public static Instruction of(Opcode opcode, long immediate, int[] operands, int... results) {
        if (opcode.form() == Form.JUMP || opcode.form() == Form.BRIF || opcode.form() == Form.BR_TABLE) {
            throw new IllegalArgumentException(opcode.mnemonic() + " is a branch");
        }
        return new Instruction(opcode, immediate, operands, results);
    }

    /** A new {@code jump} to {@code target} passing {@code arguments}, in no block yet. */
    public static Instruction jump(Block target, int... arguments) {
        return new Instruction(Opcode.JUMP, 0, NONE, NONE, new Block[] {target}, new int[][] {arguments});
    }

    /** A new {@code brif}: to {@code then} if {@code condition} is not zero, else to {@code otherwise}; in no block yet. */
    public static Instruction brif(int condition, Block then, int[] thenArguments, Block otherwise, int[] otherwiseArguments) {
        return new Instruction(Opcode.BRIF, 0, new int[] {condition}, NONE, new Block[] {then, otherwise},
                new int[][] {thenArguments, otherwiseArguments});
    }

    /**
     * A copy in no block, with every value (operands, results, arguments) renamed by
     * {@code rename} and the same targets, immediate and source offset: what a pass that
     * duplicates a block puts in the copy.
     */
    public Instruction copy(java.util.function.IntUnaryOperator rename) {
        int[][] targetArguments = new int[targets.length][];
        for (int t = 0; t < targets.length; t++) {
            targetArguments[t] = java.util.Arrays.stream(arguments(t)).map(rename).toArray();
        }
        Instruction copy = new Instruction(opcode, immediate, java.util.Arrays.stream(operands).map(rename).toArray(),
                java.util.Arrays.stream(results).map(rename).toArray(), targets, targetArguments);
        copy.sourceOffset = sourceOffset;
        return copy;
    }

    /** A non-terminator, or a {@code return} or {@code trap}. */
    Instruction(Opcode opcode, long immediate, int[] operands, int[] results) {
        this(opcode, immediate, operands, results, NO_TARGETS, NO_TARGET_ARGUMENTS);
    }

    /**
     * @param targets the successors: one for {@code jump}, then and else for {@code brif}, the
     *     default and then the cases for {@code br_table}
     * @param arguments the arguments passed to each target, in target order
     */
    Instruction(Opcode opcode, long immediate, int[] operands, int[] results, Block[] targets, int[][] arguments) {
        int expected = switch (opcode.form()) {
            case JUMP -> 1;
            case BRIF -> 2;
            case BR_TABLE -> Math.max(1, targets.length);
            default -> 0;
        };
        if (targets.length != expected || arguments.length != targets.length) {
            throw new IllegalArgumentException(opcode.mnemonic() + " with " + targets.length + " targets");
        }
        int ordinals = switch (opcode.form()) {
            case ICMP -> INT_CONDITIONS.length;
            case FCMP -> FLOAT_CONDITIONS.length;
            case TRAPIF, TRAP -> TRAP_KINDS.length;
            case CALL_EXIT -> EXIT_CODES.length;
            default -> Integer.MAX_VALUE;
        };
        if (ordinals != Integer.MAX_VALUE && (immediate < 0 || immediate >= ordinals)) {
            throw new IllegalArgumentException(opcode.mnemonic() + " with immediate " + immediate);
        }
        this.opcode = opcode;
        this.immediate = immediate;
        this.operands = operands.length == 0 ? NONE : operands.clone();
        this.results = results.length == 0 ? NONE : results.clone();
        this.targets = targets.length == 0 ? NO_TARGETS : targets.clone();
        this.arguments = arguments.length == 0 ? NO_ARGUMENTS : new IntList[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            this.arguments[i] = new IntList(arguments[i]);
        }
    }

    /**
     * The byte offset in the module binary of the WebAssembly instruction this one lowers, or -1:
     * what a stack trace shows for a trap here or a call from here.
     */
    public int sourceOffset() {
        return sourceOffset;
    }

    /** Says which WebAssembly instruction this one lowers ({@link #sourceOffset}). */
    public void setSourceOffset(int offset) {
        sourceOffset = offset;
    }

    /** What this instruction does. */
    public Opcode opcode() {
        return opcode;
    }

    /** The raw immediate; see the class comment for what it holds. */
    public long immediate() {
        return immediate;
    }

    /** The comparison of an {@code icmp}. */
    public IntCondition intCondition() {
        require(Form.ICMP);
        return INT_CONDITIONS[(int) immediate];
    }

    /** The comparison of an {@code fcmp}. */
    public FloatCondition floatCondition() {
        require(Form.FCMP);
        return FLOAT_CONDITIONS[(int) immediate];
    }

    /** The trap of a {@code trap} or {@code trapif}. */
    public TrapKind trapKind() {
        if (opcode.form() != Form.TRAP) {
            require(Form.TRAPIF);
        }
        return TRAP_KINDS[(int) immediate];
    }

    /** The exit code of a {@code call_exit}. */
    public ExitCode exitCode() {
        require(Form.CALL_EXIT);
        return EXIT_CODES[(int) immediate];
    }

    private void require(Form form) {
        if (opcode.form() != form) {
            throw new IllegalStateException(opcode.mnemonic() + " is not of form " + form);
        }
    }

    /** How many operands this instruction reads (branch arguments not included). */
    public int operandCount() {
        return operands.length;
    }

    /** Operand {@code i}, a value id. */
    public int operand(int i) {
        return operands[i];
    }

    /** How many values this instruction defines. */
    public int resultCount() {
        return results.length;
    }

    /** Result {@code i}, a value id. */
    public int result(int i) {
        return results[i];
    }

    /** How many successors this instruction has (0 unless it is a branch). */
    public int targetCount() {
        return targets.length;
    }

    /** Successor {@code i}. */
    public Block target(int i) {
        return targets[i];
    }

    /** How many arguments this instruction passes to target {@code target}. */
    public int argumentCount(int target) {
        return arguments[target].size();
    }

    /** Argument {@code i} passed to target {@code target}, a value id. */
    public int argument(int target, int i) {
        return arguments[target].get(i);
    }

    /** The arguments passed to target {@code target}, as a new array. */
    public int[] arguments(int target) {
        return arguments[target].toArray();
    }

    void appendArgument(int target, int value) {
        arguments[target].add(value);
    }

    /** Passes {@code value} as argument {@code i} to target {@code target} instead. */
    public void setArgument(int target, int i, int value) {
        arguments[target].set(i, value);
    }

    /**
     * Makes target {@code target} of this branch {@code block}, passing {@code arguments} (one per
     * parameter of {@code block}): how a pass redirects an edge, e.g. through a new block.
     */
    public void setTarget(int target, Block block, int... arguments) {
        if (this.block != null) {
            this.block.function().shapeChanged();
        }
        targets[target] = block;
        this.arguments[target].clear();
        for (int a : arguments) {
            this.arguments[target].add(a);
        }
    }

    /** Reads {@code value} as operand {@code i} instead. */
    public void setOperand(int i, int value) {
        operands[i] = value;
    }

    /** Drops the arguments to target {@code target} at the positions {@code dropped} marks. */
    void dropArguments(int target, boolean[] dropped) {
        arguments[target].removeMarked(dropped);
    }

    /** The block this instruction is in, or {@code null} if it is in none. */
    public Block block() {
        return block;
    }

    /** The next instruction in its block, or {@code null} after the last. */
    public Instruction next() {
        return next;
    }

    /** The previous instruction in its block, or {@code null} before the first. */
    public Instruction prev() {
        return prev;
    }
}
