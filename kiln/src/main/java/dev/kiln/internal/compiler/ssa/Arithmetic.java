package dev.kiln.internal.compiler.ssa;

import java.util.OptionalLong;

/**
 * What the numeric opcodes compute, on values in the IR's representation: an {@code i32}
 * sign-extended to 64 bits, an {@code f32}'s bits in the low 32, {@code i64} and {@code f64} as
 * they are. Constant folding uses it, and the tests' interpreter runs the IR with it (the spec
 * suite's expected values are what checks both). Floats are computed by Java's IEEE arithmetic,
 * which is the hardware's, and NaN results get the quiet bit, payload kept, as x86 gives them:
 * an arithmetic NaN, canonical when the inputs were. {@code f32} operations are done in
 * {@code double} and rounded once, which is exact or correctly rounded for all of them
 * ({@code double} has more than twice {@code float}'s precision).
 *
 * <p>What the IR leaves undefined has no value (empty): a division by zero or of
 * {@code MIN / -1}, a trapping truncation out of range. Its {@code trapif} traps first.
 */
public final class Arithmetic {

    private static final double TWO_63 = 0x1p63;

    private Arithmetic() {}

    /** {@code op x} giving a {@code type}, {@code x} of type {@code from}; empty if not folded. */
    public static OptionalLong unary(Opcode op, Type type, Type from, long x) {
        return switch (op) {
            case FCVT_TO_SINT, FCVT_TO_UINT -> truncate(type, asDouble(from, x), op == Opcode.FCVT_TO_SINT);
            default -> OptionalLong.of(normalize(type, unaryBits(op, type, from, x)));
        };
    }

    private static long unaryBits(Opcode op, Type type, Type from, long x) {
        boolean i32 = type == Type.I32;
        return switch (op) {
            case CLZ -> i32 ? Integer.numberOfLeadingZeros((int) x) : Long.numberOfLeadingZeros(x);
            case CTZ -> i32 ? Integer.numberOfTrailingZeros((int) x) : Long.numberOfTrailingZeros(x);
            case POPCNT -> i32 ? Integer.bitCount((int) x) : Long.bitCount(x);
            case SEXT8 -> (byte) x;
            case SEXT16 -> (short) x;
            case SEXT32, SEXTEND, IREDUCE -> (int) x;
            case UEXTEND -> x & 0xFFFF_FFFFL;
            case FABS -> x & ~sign(type);
            case FNEG -> x ^ sign(type);
            case FSQRT -> floatBits(type, Math.sqrt(asDouble(type, x)));
            case FCEIL -> floatBits(type, Math.ceil(asDouble(type, x)));
            case FFLOOR -> floatBits(type, Math.floor(asDouble(type, x)));
            case FTRUNC -> {
                double d = asDouble(type, x);
                yield floatBits(type, d < 0 ? Math.ceil(d) : Math.floor(d));
            }
            case FNEAREST -> floatBits(type, Math.rint(asDouble(type, x)));
            case FPROMOTE, FDEMOTE -> floatBits(type, asDouble(from, x));
            case FCVT_FROM_SINT -> from == Type.I32 || type == Type.F64 ? floatBits(type, (double) x)
                    : floatBits(type, (float) x); // i64 → f32 directly: through double would round twice
            case FCVT_FROM_UINT -> fromUnsigned(type, from == Type.I32 ? x & 0xFFFF_FFFFL : x);
            case FCVT_TO_SINT_SAT -> i32 ? (int) asDouble(from, x) : (long) asDouble(from, x);
            case FCVT_TO_UINT_SAT -> saturateUnsigned(type, asDouble(from, x));
            case BITCAST -> x;
            default -> throw new IllegalArgumentException(op.mnemonic() + " is not unary");
        };
    }

    /** {@code x op y}, both of type {@code type}; empty if not folded. */
    public static OptionalLong binary(Opcode op, Type type, long x, long y) {
        boolean i32 = type == Type.I32;
        if (isUndefined(op, i32, x, y)) {
            return OptionalLong.empty();
        }
        long bits = switch (op) {
            case IADD -> x + y;
            case ISUB -> x - y;
            case IMUL -> x * y;
            case SDIV -> x / y;
            case UDIV -> i32 ? Integer.divideUnsigned((int) x, (int) y) : Long.divideUnsigned(x, y);
            case UREM -> i32 ? Integer.remainderUnsigned((int) x, (int) y) : Long.remainderUnsigned(x, y);
            case SREM -> x % y; // MIN % -1 is 0, as WebAssembly wants
            case BAND -> x & y;
            case BOR -> x | y;
            case BXOR -> x ^ y;
            // Java takes an int's shift count modulo 32 and a long's modulo 64, as WebAssembly does.
            case ISHL -> i32 ? (int) x << y : x << y;
            case SSHR -> i32 ? (int) x >> y : x >> y;
            case USHR -> i32 ? (int) x >>> y : x >>> y;
            case ROTL -> i32 ? Integer.rotateLeft((int) x, (int) y) : Long.rotateLeft(x, (int) y);
            case ROTR -> i32 ? Integer.rotateRight((int) x, (int) y) : Long.rotateRight(x, (int) y);
            case FCOPYSIGN -> (x & ~sign(type)) | (y & sign(type));
            case FADD, FSUB, FMUL, FDIV, FMIN, FMAX -> floatBits(type, floatBinary(op, asDouble(type, x), asDouble(type, y)));
            default -> throw new IllegalArgumentException(op.mnemonic() + " is not binary");
        };
        return OptionalLong.of(normalize(type, bits));
    }

    /** A division by zero, or of {@code MIN} by -1: what its checks trap on. */
    private static boolean isUndefined(Opcode op, boolean i32, long x, long y) {
        return switch (op) {
            case SDIV -> y == 0 || (x == (i32 ? Integer.MIN_VALUE : Long.MIN_VALUE) && y == -1);
            case UDIV, UREM, SREM -> y == 0;
            default -> false;
        };
    }

    /** Whether {@code x c y} holds for integers of type {@code type}. */
    public static boolean compare(IntCondition c, Type type, long x, long y) {
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

    /** Whether {@code x c y} holds for floats of type {@code type} (false for NaN but {@code ne}). */
    public static boolean compare(FloatCondition c, Type type, long x, long y) {
        double a = asDouble(type, x);
        double b = asDouble(type, y);
        return switch (c) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case GT -> a > b;
            case LE -> a <= b;
            case GE -> a >= b;
        };
    }

    /** A value of {@code type} in the IR's representation, from bits whose low part it is. */
    public static long normalize(Type type, long bits) {
        return switch (type) {
            case I32 -> (int) bits;
            case F32 -> bits & 0xFFFF_FFFFL;
            default -> bits;
        };
    }

    /** WebAssembly's min and max: NaN if either is (the sum keeps one's payload), and -0 below +0. */
    private static double floatBinary(Opcode op, double a, double b) {
        boolean nan = a != a || b != b;
        return switch (op) {
            case FADD -> a + b;
            case FSUB -> a - b;
            case FMUL -> a * b;
            case FDIV -> a / b;
            case FMIN -> nan ? a + b : Math.min(a, b);
            default -> nan ? a + b : Math.max(a, b);
        };
    }

    private static long sign(Type type) {
        return type == Type.F32 ? 0x8000_0000L : Long.MIN_VALUE;
    }

    private static double asDouble(Type type, long bits) {
        return type == Type.F32 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    /** The bits of {@code value} rounded to {@code type}, a NaN quiet. */
    private static long floatBits(Type type, double value) {
        if (type == Type.F32) {
            float f = (float) value;
            int bits = Float.floatToRawIntBits(f);
            return (f != f ? bits | 0x0040_0000 : bits) & 0xFFFF_FFFFL;
        }
        long bits = Double.doubleToRawLongBits(value);
        return value != value ? bits | 0x0008_0000_0000_0000L : bits;
    }

    /** An unsigned integer to the nearest float: halve keeping the lost bit sticky, convert, double. */
    private static long fromUnsigned(Type type, long value) {
        if (value >= 0) {
            return type == Type.F32 ? floatBits(type, (float) value) : floatBits(type, (double) value);
        }
        long half = (value >>> 1) | (value & 1);
        return type == Type.F32 ? floatBits(type, (float) half * 2f) : floatBits(type, (double) half * 2.0);
    }

    /** A trapping truncation toward zero, when {@code d} is in range (NaN is not). */
    private static OptionalLong truncate(Type type, double d, boolean signed) {
        boolean i32 = type == Type.I32;
        double low = signed ? (i32 ? -0x1p31 - 1 : -TWO_63) : -1.0;
        double high = signed ? (i32 ? 0x1p31 : TWO_63) : (i32 ? 0x1p32 : 0x1p64);
        boolean inRange = !i32 && signed ? d >= low && d < high : d > low && d < high;
        if (!inRange) {
            return OptionalLong.empty();
        }
        long value = !signed && !i32 && d >= TWO_63 ? (long) (d - TWO_63) ^ Long.MIN_VALUE : (long) d;
        return OptionalLong.of(normalize(type, value));
    }

    private static long saturateUnsigned(Type type, double d) {
        if (!(d > 0)) {
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
}
