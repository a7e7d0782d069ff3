package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;

/**
 * Integer identities for a binary instruction with at most one constant operand (both
 * constant is {@link Arithmetic}'s). Float identities are left alone: {@code x + 0.0} is not
 * {@code x} for {@code x = -0.0}, and {@code x * 1.0} quiets a signalling NaN.
 */
final class Algebra {

    /** What an instruction simplifies to. */
    sealed interface Simplified {}

    /** An existing value. */
    record Same(int value) implements Simplified {}

    /** A constant of the instruction's type. */
    record Constant(long value) implements Simplified {}

    /** {@code op x, count}: a multiplication as a shift, or a shift with its count reduced. */
    record Shift(Opcode op, int x, long count) implements Simplified {}

    private Algebra() {}

    /**
     * What {@code x op y} of type {@code type} simplifies to, {@code xValue} and {@code yValue}
     * being the operands' values where they are constants (else null); null if nothing applies.
     */
    static Simplified binary(Opcode op, Type type, int x, int y, Long xValue, Long yValue) {
        if (x == y) {
            Simplified same = sameOperands(op, x);
            if (same != null) {
                return same;
            }
        }
        if (xValue != null && isCommutative(op)) {
            return withConstant(op, type, y, xValue);
        }
        return yValue == null ? null : withConstant(op, type, x, yValue);
    }

    private static Simplified sameOperands(Opcode op, int x) {
        return switch (op) {
            case ISUB, BXOR -> new Constant(0);
            case BAND, BOR -> new Same(x);
            default -> null;
        };
    }

    private static boolean isCommutative(Opcode op) {
        return switch (op) {
            case IADD, IMUL, BAND, BOR, BXOR -> true;
            default -> false;
        };
    }

    /** {@code x op c}. */
    private static Simplified withConstant(Opcode op, Type type, int x, long c) {
        int width = type == Type.I32 ? 32 : 64;
        return switch (op) {
            case IADD, ISUB, BOR, BXOR -> c == 0 ? new Same(x) : op == Opcode.BOR && c == -1 ? new Constant(-1) : null;
            case IMUL -> c == 0 ? new Constant(0) : c == 1 ? new Same(x)
                    : Long.bitCount(c) == 1 && c > 0 ? new Shift(Opcode.ISHL, x, Long.numberOfTrailingZeros(c)) : null;
            case BAND -> c == 0 ? new Constant(0) : c == -1 ? new Same(x) : null;
            case SDIV, UDIV -> c == 1 ? new Same(x) : null;
            case ISHL, SSHR, USHR, ROTL, ROTR -> {
                long count = c & (width - 1);
                yield count == 0 ? new Same(x) : count != c ? new Shift(op, x, count) : null;
            }
            default -> null;
        };
    }
}
