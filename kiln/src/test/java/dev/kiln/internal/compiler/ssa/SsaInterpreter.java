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
 * {@code f32}'s bits zero-extended, {@code i64} and {@code f64} as they are. Float results that
 * are NaN get the quiet bit, as x86 gives them.
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

    private static final double TWO_63 = 0x1p63;

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
        switch (op) {
            case ICONST, FCONST -> result = i.immediate();
            case CLZ -> result = type == Type.I32 ? Integer.numberOfLeadingZeros((int) x) : Long.numberOfLeadingZeros(x);
            case CTZ -> result = type == Type.I32 ? Integer.numberOfTrailingZeros((int) x) : Long.numberOfTrailingZeros(x);
            case POPCNT -> result = type == Type.I32 ? Integer.bitCount((int) x) : Long.bitCount(x);
            case SEXT8 -> result = (byte) x;
            case SEXT16 -> result = (short) x;
            case SEXT32, SEXTEND, IREDUCE -> result = (int) x;
            case UEXTEND -> result = x & 0xFFFF_FFFFL;
            case FABS -> result = x & ~sign(type);
            case FNEG -> result = x ^ sign(type);
            case FCOPYSIGN -> result = (x & ~sign(type)) | (y & sign(type));
            case FSQRT -> result = floatResult(type, Math.sqrt(asDouble(type, x)));
            case FCEIL -> result = floatResult(type, Math.ceil(asDouble(type, x)));
            case FFLOOR -> result = floatResult(type, Math.floor(asDouble(type, x)));
            case FTRUNC -> {
                double d = asDouble(type, x);
                result = floatResult(type, d < 0 ? Math.ceil(d) : Math.floor(d));
            }
            case FNEAREST -> result = floatResult(type, Math.rint(asDouble(type, x)));
            case FPROMOTE -> result = floatResult(Type.F64, Float.intBitsToFloat((int) x));
            case FDEMOTE -> result = floatResult(Type.F32, (float) Double.longBitsToDouble(x));
            case FCVT_FROM_SINT -> result = xType == Type.I32 ? floatResult(type, (double) (int) x)
                    : type == Type.F32 ? floatResult(type, (float) x) : floatResult(type, (double) x);
            case FCVT_FROM_UINT -> result = fromUnsigned(type, xType == Type.I32 ? x & 0xFFFF_FFFFL : x, xType == Type.I32);
            case FCVT_TO_SINT, FCVT_TO_UINT -> result = truncate(i, type, asDouble(xType, x), op == Opcode.FCVT_TO_SINT);
            case FCVT_TO_SINT_SAT -> {
                double d = asDouble(xType, x);
                result = type == Type.I32 ? (int) d : (long) d; // Java's casts saturate and take NaN to 0
            }
            case FCVT_TO_UINT_SAT -> result = saturateUnsigned(type, asDouble(xType, x));
            case BITCAST -> result = x;
            case IADD -> result = x + y;
            case ISUB -> result = x - y;
            case IMUL -> result = x * y;
            case SDIV -> {
                long min = type == Type.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                if (y == 0 || (x == min && y == -1)) {
                    throw new AssertionError(Printer.instruction(f, i) + " of " + x + " / " + y + ": a check is missing");
                }
                result = x / y;
            }
            case UDIV, UREM, SREM -> {
                if (y == 0) {
                    throw new AssertionError(Printer.instruction(f, i) + " by zero: a check is missing");
                }
                result = switch (op) {
                    case UDIV -> type == Type.I32 ? Integer.divideUnsigned((int) x, (int) y) : Long.divideUnsigned(x, y);
                    case UREM -> type == Type.I32 ? Integer.remainderUnsigned((int) x, (int) y) : Long.remainderUnsigned(x, y);
                    default -> x % y;
                };
            }
            case BAND -> result = x & y;
            case BOR -> result = x | y;
            case BXOR -> result = x ^ y;
            case ISHL -> result = type == Type.I32 ? (int) x << y : x << y;
            case SSHR -> result = type == Type.I32 ? (int) x >> y : x >> y;
            case USHR -> result = type == Type.I32 ? (int) x >>> y : x >>> y;
            case ROTL -> result = type == Type.I32 ? Integer.rotateLeft((int) x, (int) y) : Long.rotateLeft(x, (int) y);
            case ROTR -> result = type == Type.I32 ? Integer.rotateRight((int) x, (int) y) : Long.rotateRight(x, (int) y);
            case FADD, FSUB, FMUL, FDIV, FMIN, FMAX -> result = floatBinary(op, type, x, y);
            case ICMP -> result = compare(i.intCondition(), xType, x, y) ? 1 : 0;
            case FCMP -> result = compare(i.floatCondition(), asDouble(xType, x), asDouble(xType, y)) ? 1 : 0;
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
            default -> throw new IllegalStateException("not executed here: " + op);
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

    private static long sign(Type type) {
        return type == Type.F32 ? 0x8000_0000L : Long.MIN_VALUE;
    }

    private static double asDouble(Type type, long bits) {
        return type == Type.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /** The bits of {@code value} as {@code type} (an exact double for an f32 operation), NaNs quiet. */
    private static long floatResult(Type type, double value) {
        if (type == Type.F32) {
            float f = (float) value;
            int bits = Float.floatToRawIntBits(f);
            return (Float.isNaN(f) ? bits | 0x0040_0000 : bits) & 0xFFFF_FFFFL;
        }
        long bits = Double.doubleToRawLongBits(value);
        return Double.isNaN(value) ? bits | 0x0008_0000_0000_0000L : bits;
    }

    private static long floatBinary(Opcode op, Type type, long x, long y) {
        if (type == Type.F32) {
            float a = Float.intBitsToFloat((int) x);
            float b = Float.intBitsToFloat((int) y);
            float r = switch (op) {
                case FADD -> a + b;
                case FSUB -> a - b;
                case FMUL -> a * b;
                case FDIV -> a / b;
                case FMIN -> Math.min(a, b);
                default -> Math.max(a, b);
            };
            return floatResult(type, r);
        }
        double a = Double.longBitsToDouble(x);
        double b = Double.longBitsToDouble(y);
        return floatResult(type, switch (op) {
            case FADD -> a + b;
            case FSUB -> a - b;
            case FMUL -> a * b;
            case FDIV -> a / b;
            case FMIN -> Math.min(a, b);
            default -> Math.max(a, b);
        });
    }

    /** An unsigned integer (zero-extended, or all 64 bits) to the nearest float. */
    private static long fromUnsigned(Type type, long value, boolean from32) {
        if (from32 || value >= 0) {
            return type == Type.F32 ? floatResult(type, (float) value) : floatResult(type, (double) value);
        }
        // Halve with the lost bit kept sticky, convert, double: rounds once, correctly.
        long half = (value >>> 1) | (value & 1);
        return type == Type.F32 ? floatResult(type, (float) half * 2f) : floatResult(type, (double) half * 2.0);
    }

    private static long truncate(Instruction i, Type type, double d, boolean signed) {
        double low = signed ? (type == Type.I32 ? -0x1p31 - 1 : -0x1p63) : -1.0;
        double high = signed ? (type == Type.I32 ? 0x1p31 : TWO_63) : (type == Type.I32 ? 0x1p32 : 0x1p64);
        boolean inRange = type == Type.I64 && signed ? d >= low && d < high : d > low && d < high;
        if (!inRange) {
            throw new AssertionError(i.opcode().mnemonic() + " of " + d + ": a check is missing");
        }
        if (!signed && type == Type.I64 && d >= TWO_63) {
            return (long) (d - TWO_63) ^ Long.MIN_VALUE;
        }
        return (long) d;
    }

    private static long saturateUnsigned(Type type, double d) {
        if (Double.isNaN(d) || d <= 0) {
            return 0;
        }
        if (type == Type.I32) {
            return d >= 0x1p32 ? 0xFFFF_FFFFL : (long) d;
        }
        if (d >= 0x1p64) {
            return -1;
        }
        return d >= TWO_63 ? (long) (d - TWO_63) ^ Long.MIN_VALUE : (long) d;
    }

    private static boolean compare(IntCondition c, Type type, long x, long y) {
        long ux = type == Type.I32 ? x & 0xFFFF_FFFFL : x;
        long uy = type == Type.I32 ? y & 0xFFFF_FFFFL : y;
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT_S -> x < y;
            case GT_S -> x > y;
            case LE_S -> x <= y;
            case GE_S -> x >= y;
            case LT_U -> Long.compareUnsigned(ux, uy) < 0;
            case GT_U -> Long.compareUnsigned(ux, uy) > 0;
            case LE_U -> Long.compareUnsigned(ux, uy) <= 0;
            case GE_U -> Long.compareUnsigned(ux, uy) >= 0;
        };
    }

    private static boolean compare(FloatCondition c, double x, double y) {
        return switch (c) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case GT -> x > y;
            case LE -> x <= y;
            case GE -> x >= y;
        };
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
