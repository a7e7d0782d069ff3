package dev.kiln.internal.interpreter;

import dev.kiln.TrapKind;
import dev.kiln.internal.runtime.Trap;

/**
 * WebAssembly numerics that Java does not give exactly by one operator: float rounding and
 * min/max with NaN and signed zeros, trapping and saturating truncation, unsigned conversions.
 * Floats arrive and leave as raw bits (the slot form); small methods, so the JIT inlines them.
 *
 * <p>NaN results: Java's float arithmetic is the hardware's IEEE-754 arithmetic, which returns
 * a quiet NaN carrying an input NaN's payload, or the default NaN: both are what the spec calls
 * arithmetic NaNs. Where a library method might hand back a signalling NaN unchanged
 * ({@link Math#ceil} and friends return their NaN argument), we add the NaN to itself, which
 * quiets it.
 */
final class Numerics {

    private Numerics() {}

    private static final long I32_MASK = 0xFFFFFFFFL;

    static long f32(float value) {
        return Float.floatToRawIntBits(value) & I32_MASK;
    }

    static long f64(double value) {
        return Double.doubleToRawLongBits(value);
    }

    static float asF32(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    static double asF64(long slot) {
        return Double.longBitsToDouble(slot);
    }

    // ---- i32 / i64 ---------------------------------------------------------------------------

    static int i32DivS(int x, int y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (x == Integer.MIN_VALUE && y == -1) {
            throw new Trap(TrapKind.INTEGER_OVERFLOW);
        }
        return x / y;
    }

    static int i32DivU(int x, int y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Integer.divideUnsigned(x, y);
    }

    /** {@code INT_MIN rem -1} is 0, which Java's {@code %} already gives. */
    static int i32RemS(int x, int y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return x % y;
    }

    static int i32RemU(int x, int y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Integer.remainderUnsigned(x, y);
    }

    static long i64DivS(long x, long y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (x == Long.MIN_VALUE && y == -1) {
            throw new Trap(TrapKind.INTEGER_OVERFLOW);
        }
        return x / y;
    }

    static long i64DivU(long x, long y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Long.divideUnsigned(x, y);
    }

    static long i64RemS(long x, long y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return x % y;
    }

    static long i64RemU(long x, long y) {
        if (y == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Long.remainderUnsigned(x, y);
    }

    // ---- float rounding, min, max, copysign --------------------------------------------------

    static long f32Ceil(long x) {
        return f32((float) Math.ceil(asF32(x)));
    }

    static long f32Floor(long x) {
        return f32((float) Math.floor(asF32(x)));
    }

    /** Promotion to double quiets a signalling NaN, and double rounding is exact here. */
    static long f32Trunc(long x) {
        double d = asF32(x);
        return f32((float) (d < 0 ? Math.ceil(d) : Math.floor(d)));
    }

    /** {@link Math#rint} rounds half to even, as {@code nearest} must. */
    static long f32Nearest(long x) {
        return f32((float) Math.rint(asF32(x)));
    }

    /** The double square root rounded to float is the correctly rounded float square root. */
    static long f32Sqrt(long x) {
        return f32((float) Math.sqrt(asF32(x)));
    }

    static long f64Ceil(long x) {
        double d = asF64(x);
        return f64(d != d ? d + d : Math.ceil(d));
    }

    static long f64Floor(long x) {
        double d = asF64(x);
        return f64(d != d ? d + d : Math.floor(d));
    }

    static long f64Trunc(long x) {
        double d = asF64(x);
        return f64(d != d ? d + d : d < 0 ? Math.ceil(d) : Math.floor(d));
    }

    static long f64Nearest(long x) {
        double d = asF64(x);
        return f64(d != d ? d + d : Math.rint(d));
    }

    /** NaN if either is NaN, and -0 is less than +0 ({@link Math#min} does the latter). */
    static long f32Min(long x, long y) {
        float a = asF32(x);
        float b = asF32(y);
        return f32(a != a || b != b ? a + b : Math.min(a, b));
    }

    static long f32Max(long x, long y) {
        float a = asF32(x);
        float b = asF32(y);
        return f32(a != a || b != b ? a + b : Math.max(a, b));
    }

    static long f64Min(long x, long y) {
        double a = asF64(x);
        double b = asF64(y);
        return f64(a != a || b != b ? a + b : Math.min(a, b));
    }

    static long f64Max(long x, long y) {
        double a = asF64(x);
        double b = asF64(y);
        return f64(a != a || b != b ? a + b : Math.max(a, b));
    }

    /** abs, neg and copysign are bit operations: they keep NaN payloads. */
    static long f32Copysign(long x, long y) {
        return (x & 0x7FFFFFFFL) | (y & 0x80000000L);
    }

    static long f64Copysign(long x, long y) {
        return (x & Long.MAX_VALUE) | (y & Long.MIN_VALUE);
    }

    // ---- float to int ------------------------------------------------------------------------

    private static Trap invalidOrOverflow(double d) {
        return new Trap(d != d ? TrapKind.INVALID_CONVERSION_TO_INTEGER : TrapKind.INTEGER_OVERFLOW);
    }

    /** The bounds are exclusive and exactly representable, so NaN fails both tests. */
    static long i32TruncS(double d) {
        if (!(d > -2147483649.0 && d < 2147483648.0)) {
            throw invalidOrOverflow(d);
        }
        return (int) d & I32_MASK;
    }

    static long i32TruncU(double d) {
        if (!(d > -1.0 && d < 4294967296.0)) {
            throw invalidOrOverflow(d);
        }
        return (long) d;
    }

    static long i64TruncS(double d) {
        if (!(d >= -9.223372036854775808E18 && d < 9.223372036854775808E18)) {
            throw invalidOrOverflow(d);
        }
        return (long) d;
    }

    static long i64TruncU(double d) {
        if (!(d > -1.0 && d < 1.8446744073709552E19)) {
            throw invalidOrOverflow(d);
        }
        return d < 9.223372036854775808E18 ? (long) d : (long) (d - 9.223372036854775808E18) ^ Long.MIN_VALUE;
    }

    /** Java's narrowing casts already saturate and map NaN to 0, which is trunc_sat_s. */
    static long i32TruncSatS(double d) {
        return (int) d & I32_MASK;
    }

    static long i32TruncSatU(double d) {
        if (!(d > 0)) {
            return 0;
        }
        return d >= 4294967295.0 ? I32_MASK : (long) d;
    }

    static long i64TruncSatS(double d) {
        return (long) d;
    }

    static long i64TruncSatU(double d) {
        if (!(d > 0)) {
            return 0;
        }
        if (d >= 1.8446744073709552E19) {
            return -1L;
        }
        return d < 9.223372036854775808E18 ? (long) d : (long) (d - 9.223372036854775808E18) ^ Long.MIN_VALUE;
    }

    // ---- int to float ------------------------------------------------------------------------

    /**
     * Unsigned 64-bit to float, rounded once: halve with the lost bit kept sticky (round to
     * odd), convert, double. Java's {@code (float) long} is correctly rounded.
     */
    static float u64ToF32(long x) {
        if (x >= 0) {
            return (float) x;
        }
        return (float) ((x >>> 1) | (x & 1)) * 2.0f;
    }

    static double u64ToF64(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }
}
