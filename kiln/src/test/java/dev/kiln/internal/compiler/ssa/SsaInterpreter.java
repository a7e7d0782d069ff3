package dev.kiln.internal.compiler.ssa;

import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.ExitCode;

/**
 * Runs SSA functions, for tests: what makes the frontend's output (and later each pass's)
 * checkable against WebAssembly's meaning before any machine code exists. Everything outside the
 * function (native memory, the contexts' contents, calls, exits) is an {@link Environment}.
 *
 * <p>It holds the IR to its contract: the instructions a {@code trapif} protects ({@code sdiv},
 * the trapping {@code fcvt_to_*}) throw {@link AssertionError} when they meet input their check
 * should have stopped, so a missing check fails a test instead of passing silently.
 *
 * <p>Values are {@code long}s: an {@code i32} sign-extended (as {@code iconst} keeps it), an
 * {@code f32}'s bits zero-extended, {@code i64} and {@code f64} as they are. The numeric opcodes
 * are {@link Arithmetic}'s (float results that are NaN get the quiet bit, as x86 gives them).
 */
public final class SsaInterpreter {

    /** What the IR reaches outside the function. Reads and writes are little-endian, zero-extended. */
    public interface Environment {
        long read(long address, int bytes);

        void write(long address, int bytes, long value);

        long memoryBase(long moduleContext, int memory);

        long memoryLength(long moduleContext, int memory);

        long globalGet(long moduleContext, int global);

        void globalSet(long moduleContext, int global, long value);

        /** {@code call fnN}; the arguments start with the two contexts. */
        long[] call(int function, long[] arguments);

        /** {@code call_indirect}; the arguments start with the two contexts. */
        long[] callIndirect(long code, long[] arguments);

        /** {@code call_exit}; the arguments start with the two contexts. */
        long[] exit(ExitCode code, long[] arguments);
    }

    /** A WebAssembly trap: a {@code trap}, a {@code trapif} that fired, or one an environment raised. */
    public static final class Trapped extends RuntimeException {
        private final TrapKind kind;

        public Trapped(TrapKind kind) {
            super(kind.message(), null, false, false);
            this.kind = kind;
        }

        public TrapKind kind() {
            return kind;
        }
    }

    private SsaInterpreter() {}

    /** Runs {@code function} on {@code arguments} (its whole signature, contexts first); returns its results. */
    public static long[] run(Function function, Environment environment, long... arguments) {
        long[] values = new long[function.valueIdLimit()];
        Block block = function.entry();
        long[] incoming = arguments;
        while (true) {
            for (int p = 0; p < block.paramCount(); p++) {
                values[block.param(p)] = normalize(function.type(block.param(p)), incoming[p]);
            }
            Instruction i = block.first();
            while (!i.opcode().isTerminator()) {
                execute(function, environment, values, i);
                i = i.next();
            }
            int target;
            switch (i.opcode()) {
                case RETURN -> {
                    long[] results = new long[i.operandCount()];
                    for (int r = 0; r < results.length; r++) {
                        results[r] = values[i.operand(r)];
                    }
                    return results;
                }
                case TRAP -> throw new Trapped(i.trapKind());
                case JUMP -> target = 0;
                case BRIF -> target = values[i.operand(0)] != 0 ? 0 : 1;
                case BR_TABLE -> {
                    long index = values[i.operand(0)] & 0xFFFF_FFFFL;
                    target = index < i.targetCount() - 1 ? 1 + (int) index : 0;
                }
                default -> throw new IllegalStateException("not a terminator: " + i.opcode());
            }
            incoming = new long[i.argumentCount(target)];
            for (int a = 0; a < incoming.length; a++) {
                incoming[a] = values[i.argument(target, a)];
            }
            block = i.target(target);
        }
    }

    private static void execute(Function f, Environment env, long[] values, Instruction i) {
        Opcode op = i.opcode();
        Type type = i.resultCount() > 0 ? f.type(i.result(0)) : null;
        long x = i.operandCount() > 0 ? values[i.operand(0)] : 0;
        long y = i.operandCount() > 1 ? values[i.operand(1)] : 0;
        Type xType = i.operandCount() > 0 ? f.type(i.operand(0)) : null;
        long result = 0;
        switch (op.form()) {
            case UNARY -> result = defined(f, i, Arithmetic.unary(op, type, xType, x), x, y);
            case BINARY -> result = defined(f, i, Arithmetic.binary(op, type, x, y), x, y);
            case ICMP -> result = Arithmetic.compare(i.intCondition(), xType, x, y) ? 1 : 0;
            case FCMP -> result = Arithmetic.compare(i.floatCondition(), xType, x, y) ? 1 : 0;
            default -> { }
        }
        switch (op) {
            case ICONST, FCONST -> result = i.immediate();
            case SELECT -> result = x != 0 ? y : values[i.operand(2)];
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> {
                long raw = env.read(x + i.immediate(), width(op, type));
                result = switch (op) {
                    case SLOAD8 -> (byte) raw;
                    case SLOAD16 -> (short) raw;
                    case SLOAD32 -> (int) raw;
                    default -> raw;
                };
            }
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> env.write(x + i.immediate(), width(op, f.type(i.operand(1))), y);
            case MEMORY_BASE -> result = env.memoryBase(x, (int) i.immediate());
            case MEMORY_LENGTH -> result = env.memoryLength(x, (int) i.immediate());
            case GLOBAL_GET -> result = env.globalGet(x, (int) i.immediate());
            case GLOBAL_SET -> env.globalSet(x, (int) i.immediate(), y);
            case CALL, CALL_INDIRECT, CALL_EXIT -> {
                int first = op == Opcode.CALL_INDIRECT ? 1 : 0;
                long[] arguments = new long[i.operandCount() - first];
                for (int a = 0; a < arguments.length; a++) {
                    arguments[a] = values[i.operand(first + a)];
                }
                long[] results = switch (op) {
                    case CALL -> env.call((int) i.immediate(), arguments);
                    case CALL_INDIRECT -> env.callIndirect(x, arguments);
                    default -> env.exit(i.exitCode(), arguments);
                };
                for (int r = 0; r < i.resultCount(); r++) {
                    values[i.result(r)] = normalize(f.type(i.result(r)), results[r]);
                }
                return;
            }
            case TRAPIF -> {
                if (x != 0) {
                    throw new Trapped(i.trapKind());
                }
            }
            default -> {
                switch (op.form()) {
                    case UNARY, BINARY, ICMP, FCMP -> { } // computed above
                    default -> throw new IllegalStateException("not executed here: " + op);
                }
            }
        }
        if (type != null) {
            values[i.result(0)] = normalize(type, result);
        }
    }

    /** The representation of a value of {@code type} whose low bits are {@code bits}. */
    private static long normalize(Type type, long bits) {
        return switch (type) {
            case I32 -> (int) bits;
            case F32 -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /**
     * The value {@code Arithmetic} gives; none is an instruction meeting input its check
     * ({@code trapif}) should have stopped, which fails the test.
     */
    private static long defined(Function f, Instruction i, java.util.OptionalLong value, long x, long y) {
        if (value.isEmpty()) {
            throw new AssertionError(Printer.instruction(f, i) + " of " + x + ", " + y + ": a check is missing");
        }
        return value.getAsLong();
    }

    /** How many bytes a load or store of {@code op} moves, for a value of {@code type}. */
    private static int width(Opcode op, Type type) {
        return switch (op) {
            case ULOAD8, SLOAD8, ISTORE8 -> 1;
            case ULOAD16, SLOAD16, ISTORE16 -> 2;
            case ULOAD32, SLOAD32, ISTORE32 -> 4;
            default -> type == Type.I32 || type == Type.F32 ? 4 : 8;
        };
    }
}
