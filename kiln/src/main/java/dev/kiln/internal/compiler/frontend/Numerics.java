package dev.kiln.internal.compiler.frontend;

import dev.kiln.TrapKind;
import dev.kiln.internal.compiler.ssa.Builder;
import dev.kiln.internal.compiler.ssa.FloatCondition;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.wasm.Op;

/**
 * The numeric instructions (those with a fixed {@link Op#signature()} and no immediate): each is
 * one SSA instruction, or a few with the checks its traps need in front. Polymorphic SSA opcodes
 * take their width from the operands, so {@code i32.add} and {@code i64.add} are both
 * {@code iadd}.
 */
final class Numerics {

    private Numerics() {}

    /**
     * Emits {@code op} on its operands ({@code y} is ignored for a unary one) and returns the
     * result.
     */
    static int emit(Builder b, Op op, int x, int y) {
        Type result = Types.of(Op.signatureType(op.signature().charAt(op.signature().indexOf('>') + 1)));
        return switch (op) {
            case I32_EQZ, I64_EQZ -> b.icmp(IntCondition.EQ, x, b.iconst(b.function().type(x), 0));
            case I32_EQ, I64_EQ -> b.icmp(IntCondition.EQ, x, y);
            case I32_NE, I64_NE -> b.icmp(IntCondition.NE, x, y);
            case I32_LT_S, I64_LT_S -> b.icmp(IntCondition.LT_S, x, y);
            case I32_LT_U, I64_LT_U -> b.icmp(IntCondition.LT_U, x, y);
            case I32_GT_S, I64_GT_S -> b.icmp(IntCondition.GT_S, x, y);
            case I32_GT_U, I64_GT_U -> b.icmp(IntCondition.GT_U, x, y);
            case I32_LE_S, I64_LE_S -> b.icmp(IntCondition.LE_S, x, y);
            case I32_LE_U, I64_LE_U -> b.icmp(IntCondition.LE_U, x, y);
            case I32_GE_S, I64_GE_S -> b.icmp(IntCondition.GE_S, x, y);
            case I32_GE_U, I64_GE_U -> b.icmp(IntCondition.GE_U, x, y);
            case F32_EQ, F64_EQ -> b.fcmp(FloatCondition.EQ, x, y);
            case F32_NE, F64_NE -> b.fcmp(FloatCondition.NE, x, y);
            case F32_LT, F64_LT -> b.fcmp(FloatCondition.LT, x, y);
            case F32_GT, F64_GT -> b.fcmp(FloatCondition.GT, x, y);
            case F32_LE, F64_LE -> b.fcmp(FloatCondition.LE, x, y);
            case F32_GE, F64_GE -> b.fcmp(FloatCondition.GE, x, y);

            case I32_CLZ, I64_CLZ -> b.unary(Opcode.CLZ, result, x);
            case I32_CTZ, I64_CTZ -> b.unary(Opcode.CTZ, result, x);
            case I32_POPCNT, I64_POPCNT -> b.unary(Opcode.POPCNT, result, x);
            case I32_ADD, I64_ADD -> b.binary(Opcode.IADD, x, y);
            case I32_SUB, I64_SUB -> b.binary(Opcode.ISUB, x, y);
            case I32_MUL, I64_MUL -> b.binary(Opcode.IMUL, x, y);
            case I32_DIV_S, I64_DIV_S -> {
                checkDivisor(b, y);
                // INT_MIN / -1 is the one quotient that does not fit.
                int min = b.icmp(IntCondition.EQ, x, b.iconst(result, result == Type.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE));
                int minusOne = b.icmp(IntCondition.EQ, y, b.iconst(result, -1));
                b.trapIf(TrapKind.INTEGER_OVERFLOW, b.binary(Opcode.BAND, min, minusOne));
                yield b.binary(Opcode.SDIV, x, y);
            }
            case I32_DIV_U, I64_DIV_U -> {
                checkDivisor(b, y);
                yield b.binary(Opcode.UDIV, x, y);
            }
            case I32_REM_S, I64_REM_S -> {
                // No overflow check: srem defines INT_MIN % -1 as 0, as WebAssembly does.
                checkDivisor(b, y);
                yield b.binary(Opcode.SREM, x, y);
            }
            case I32_REM_U, I64_REM_U -> {
                checkDivisor(b, y);
                yield b.binary(Opcode.UREM, x, y);
            }
            case I32_AND, I64_AND -> b.binary(Opcode.BAND, x, y);
            case I32_OR, I64_OR -> b.binary(Opcode.BOR, x, y);
            case I32_XOR, I64_XOR -> b.binary(Opcode.BXOR, x, y);
            case I32_SHL, I64_SHL -> b.binary(Opcode.ISHL, x, y);
            case I32_SHR_S, I64_SHR_S -> b.binary(Opcode.SSHR, x, y);
            case I32_SHR_U, I64_SHR_U -> b.binary(Opcode.USHR, x, y);
            case I32_ROTL, I64_ROTL -> b.binary(Opcode.ROTL, x, y);
            case I32_ROTR, I64_ROTR -> b.binary(Opcode.ROTR, x, y);

            case F32_ABS, F64_ABS -> b.unary(Opcode.FABS, result, x);
            case F32_NEG, F64_NEG -> b.unary(Opcode.FNEG, result, x);
            case F32_CEIL, F64_CEIL -> b.unary(Opcode.FCEIL, result, x);
            case F32_FLOOR, F64_FLOOR -> b.unary(Opcode.FFLOOR, result, x);
            case F32_TRUNC, F64_TRUNC -> b.unary(Opcode.FTRUNC, result, x);
            case F32_NEAREST, F64_NEAREST -> b.unary(Opcode.FNEAREST, result, x);
            case F32_SQRT, F64_SQRT -> b.unary(Opcode.FSQRT, result, x);
            case F32_ADD, F64_ADD -> b.binary(Opcode.FADD, x, y);
            case F32_SUB, F64_SUB -> b.binary(Opcode.FSUB, x, y);
            case F32_MUL, F64_MUL -> b.binary(Opcode.FMUL, x, y);
            case F32_DIV, F64_DIV -> b.binary(Opcode.FDIV, x, y);
            case F32_MIN, F64_MIN -> b.binary(Opcode.FMIN, x, y);
            case F32_MAX, F64_MAX -> b.binary(Opcode.FMAX, x, y);
            case F32_COPYSIGN, F64_COPYSIGN -> b.binary(Opcode.FCOPYSIGN, x, y);

            case I32_WRAP_I64 -> b.unary(Opcode.IREDUCE, result, x);
            case I64_EXTEND_I32_S -> b.unary(Opcode.SEXTEND, result, x);
            case I64_EXTEND_I32_U -> b.unary(Opcode.UEXTEND, result, x);
            case I32_TRUNC_F32_S, I32_TRUNC_F64_S, I64_TRUNC_F32_S, I64_TRUNC_F64_S -> {
                checkTruncation(b, x, result, true);
                yield b.unary(Opcode.FCVT_TO_SINT, result, x);
            }
            case I32_TRUNC_F32_U, I32_TRUNC_F64_U, I64_TRUNC_F32_U, I64_TRUNC_F64_U -> {
                checkTruncation(b, x, result, false);
                yield b.unary(Opcode.FCVT_TO_UINT, result, x);
            }
            case I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F64_S ->
                    b.unary(Opcode.FCVT_TO_SINT_SAT, result, x);
            case I32_TRUNC_SAT_F32_U, I32_TRUNC_SAT_F64_U, I64_TRUNC_SAT_F32_U, I64_TRUNC_SAT_F64_U ->
                    b.unary(Opcode.FCVT_TO_UINT_SAT, result, x);
            case F32_CONVERT_I32_S, F32_CONVERT_I64_S, F64_CONVERT_I32_S, F64_CONVERT_I64_S ->
                    b.unary(Opcode.FCVT_FROM_SINT, result, x);
            case F32_CONVERT_I32_U, F32_CONVERT_I64_U, F64_CONVERT_I32_U, F64_CONVERT_I64_U ->
                    b.unary(Opcode.FCVT_FROM_UINT, result, x);
            case F32_DEMOTE_F64 -> b.unary(Opcode.FDEMOTE, result, x);
            case F64_PROMOTE_F32 -> b.unary(Opcode.FPROMOTE, result, x);
            case I32_REINTERPRET_F32, I64_REINTERPRET_F64, F32_REINTERPRET_I32, F64_REINTERPRET_I64 ->
                    b.unary(Opcode.BITCAST, result, x);
            case I32_EXTEND8_S, I64_EXTEND8_S -> b.unary(Opcode.SEXT8, result, x);
            case I32_EXTEND16_S, I64_EXTEND16_S -> b.unary(Opcode.SEXT16, result, x);
            case I64_EXTEND32_S -> b.unary(Opcode.SEXT32, result, x);
            default -> throw new IllegalArgumentException("not a numeric instruction: " + op);
        };
    }

    /** Whether {@code op} takes two operands. */
    static boolean isBinary(Op op) {
        return op.signature().indexOf('>') == 2;
    }

    private static void checkDivisor(Builder b, int y) {
        int zero = b.iconst(b.function().type(y), 0);
        b.trapIf(TrapKind.INTEGER_DIVIDE_BY_ZERO, b.icmp(IntCondition.EQ, y, zero));
    }

    /**
     * The checks of a trapping float-to-integer truncation: NaN, then the range. Truncating
     * toward zero fits exactly when {@code low < x < high}, with {@code low} one below the
     * smallest result (-1, or -2^(N-1) - 1) and {@code high} one above the largest (2^N or
     * 2^(N-1)). Those are floats of the source type except -2^(N-1) - 1, which only f64 has for
     * N = 32; elsewhere the test is {@code -2^(N-1) <= x}, the same set of floats.
     */
    private static void checkTruncation(Builder b, int x, Type result, boolean signed) {
        Type source = b.function().type(x);
        b.trapIf(TrapKind.INVALID_CONVERSION_TO_INTEGER, b.fcmp(FloatCondition.NE, x, x));
        int bits = result == Type.I32 ? 32 : 64;
        double high = signed ? Math.scalb(1.0, bits - 1) : Math.scalb(1.0, bits);
        double low;
        boolean lowInclusive;
        if (!signed) {
            low = -1.0;
            lowInclusive = false;
        } else if (bits == 32 && source == Type.F64) {
            low = -2147483649.0; // -2^31 - 1 is an f64
            lowInclusive = false;
        } else {
            low = -Math.scalb(1.0, bits - 1);
            lowInclusive = true;
        }
        int lowConstant = floatConstant(b, source, low);
        b.trapIf(TrapKind.INTEGER_OVERFLOW,
                b.fcmp(lowInclusive ? FloatCondition.LT : FloatCondition.LE, x, lowConstant));
        b.trapIf(TrapKind.INTEGER_OVERFLOW, b.fcmp(FloatCondition.GE, x, floatConstant(b, source, high)));
    }

    private static int floatConstant(Builder b, Type type, double value) {
        return type == Type.F32 ? b.f32const((float) value) : b.f64const(value);
    }
}
