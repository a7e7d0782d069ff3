package dev.kiln.internal.interpreter;

import dev.kiln.internal.wasm.Op;

/**
 * The lowered opcode of each Wasm numeric instruction that lowers one-to-one (same operands,
 * one result). Conversions that only reinterpret bits lower to nothing and are not here.
 */
final class NumericOpcodes {

    private NumericOpcodes() {}

    static int of(Op op) {
        return switch (op) {
            case I32_EQZ -> Opcodes.I32_EQZ;
            case I32_EQ -> Opcodes.I32_EQ;
            case I32_NE -> Opcodes.I32_NE;
            case I32_LT_S -> Opcodes.I32_LT_S;
            case I32_LT_U -> Opcodes.I32_LT_U;
            case I32_GT_S -> Opcodes.I32_GT_S;
            case I32_GT_U -> Opcodes.I32_GT_U;
            case I32_LE_S -> Opcodes.I32_LE_S;
            case I32_LE_U -> Opcodes.I32_LE_U;
            case I32_GE_S -> Opcodes.I32_GE_S;
            case I32_GE_U -> Opcodes.I32_GE_U;
            case I64_EQZ -> Opcodes.I64_EQZ;
            case I64_EQ -> Opcodes.I64_EQ;
            case I64_NE -> Opcodes.I64_NE;
            case I64_LT_S -> Opcodes.I64_LT_S;
            case I64_LT_U -> Opcodes.I64_LT_U;
            case I64_GT_S -> Opcodes.I64_GT_S;
            case I64_GT_U -> Opcodes.I64_GT_U;
            case I64_LE_S -> Opcodes.I64_LE_S;
            case I64_LE_U -> Opcodes.I64_LE_U;
            case I64_GE_S -> Opcodes.I64_GE_S;
            case I64_GE_U -> Opcodes.I64_GE_U;
            case F32_EQ -> Opcodes.F32_EQ;
            case F32_NE -> Opcodes.F32_NE;
            case F32_LT -> Opcodes.F32_LT;
            case F32_GT -> Opcodes.F32_GT;
            case F32_LE -> Opcodes.F32_LE;
            case F32_GE -> Opcodes.F32_GE;
            case F64_EQ -> Opcodes.F64_EQ;
            case F64_NE -> Opcodes.F64_NE;
            case F64_LT -> Opcodes.F64_LT;
            case F64_GT -> Opcodes.F64_GT;
            case F64_LE -> Opcodes.F64_LE;
            case F64_GE -> Opcodes.F64_GE;
            case I32_CLZ -> Opcodes.I32_CLZ;
            case I32_CTZ -> Opcodes.I32_CTZ;
            case I32_POPCNT -> Opcodes.I32_POPCNT;
            case I32_ADD -> Opcodes.I32_ADD;
            case I32_SUB -> Opcodes.I32_SUB;
            case I32_MUL -> Opcodes.I32_MUL;
            case I32_DIV_S -> Opcodes.I32_DIV_S;
            case I32_DIV_U -> Opcodes.I32_DIV_U;
            case I32_REM_S -> Opcodes.I32_REM_S;
            case I32_REM_U -> Opcodes.I32_REM_U;
            case I32_AND -> Opcodes.I32_AND;
            case I32_OR -> Opcodes.I32_OR;
            case I32_XOR -> Opcodes.I32_XOR;
            case I32_SHL -> Opcodes.I32_SHL;
            case I32_SHR_S -> Opcodes.I32_SHR_S;
            case I32_SHR_U -> Opcodes.I32_SHR_U;
            case I32_ROTL -> Opcodes.I32_ROTL;
            case I32_ROTR -> Opcodes.I32_ROTR;
            case I64_CLZ -> Opcodes.I64_CLZ;
            case I64_CTZ -> Opcodes.I64_CTZ;
            case I64_POPCNT -> Opcodes.I64_POPCNT;
            case I64_ADD -> Opcodes.I64_ADD;
            case I64_SUB -> Opcodes.I64_SUB;
            case I64_MUL -> Opcodes.I64_MUL;
            case I64_DIV_S -> Opcodes.I64_DIV_S;
            case I64_DIV_U -> Opcodes.I64_DIV_U;
            case I64_REM_S -> Opcodes.I64_REM_S;
            case I64_REM_U -> Opcodes.I64_REM_U;
            case I64_AND -> Opcodes.I64_AND;
            case I64_OR -> Opcodes.I64_OR;
            case I64_XOR -> Opcodes.I64_XOR;
            case I64_SHL -> Opcodes.I64_SHL;
            case I64_SHR_S -> Opcodes.I64_SHR_S;
            case I64_SHR_U -> Opcodes.I64_SHR_U;
            case I64_ROTL -> Opcodes.I64_ROTL;
            case I64_ROTR -> Opcodes.I64_ROTR;
            case F32_ABS -> Opcodes.F32_ABS;
            case F32_NEG -> Opcodes.F32_NEG;
            case F32_CEIL -> Opcodes.F32_CEIL;
            case F32_FLOOR -> Opcodes.F32_FLOOR;
            case F32_TRUNC -> Opcodes.F32_TRUNC;
            case F32_NEAREST -> Opcodes.F32_NEAREST;
            case F32_SQRT -> Opcodes.F32_SQRT;
            case F32_ADD -> Opcodes.F32_ADD;
            case F32_SUB -> Opcodes.F32_SUB;
            case F32_MUL -> Opcodes.F32_MUL;
            case F32_DIV -> Opcodes.F32_DIV;
            case F32_MIN -> Opcodes.F32_MIN;
            case F32_MAX -> Opcodes.F32_MAX;
            case F32_COPYSIGN -> Opcodes.F32_COPYSIGN;
            case F64_ABS -> Opcodes.F64_ABS;
            case F64_NEG -> Opcodes.F64_NEG;
            case F64_CEIL -> Opcodes.F64_CEIL;
            case F64_FLOOR -> Opcodes.F64_FLOOR;
            case F64_TRUNC -> Opcodes.F64_TRUNC;
            case F64_NEAREST -> Opcodes.F64_NEAREST;
            case F64_SQRT -> Opcodes.F64_SQRT;
            case F64_ADD -> Opcodes.F64_ADD;
            case F64_SUB -> Opcodes.F64_SUB;
            case F64_MUL -> Opcodes.F64_MUL;
            case F64_DIV -> Opcodes.F64_DIV;
            case F64_MIN -> Opcodes.F64_MIN;
            case F64_MAX -> Opcodes.F64_MAX;
            case F64_COPYSIGN -> Opcodes.F64_COPYSIGN;
            case I32_WRAP_I64 -> Opcodes.I32_WRAP_I64;
            case I32_TRUNC_F32_S -> Opcodes.I32_TRUNC_F32_S;
            case I32_TRUNC_F32_U -> Opcodes.I32_TRUNC_F32_U;
            case I32_TRUNC_F64_S -> Opcodes.I32_TRUNC_F64_S;
            case I32_TRUNC_F64_U -> Opcodes.I32_TRUNC_F64_U;
            case I64_EXTEND_I32_S -> Opcodes.I64_EXTEND_I32_S;
            case I64_TRUNC_F32_S -> Opcodes.I64_TRUNC_F32_S;
            case I64_TRUNC_F32_U -> Opcodes.I64_TRUNC_F32_U;
            case I64_TRUNC_F64_S -> Opcodes.I64_TRUNC_F64_S;
            case I64_TRUNC_F64_U -> Opcodes.I64_TRUNC_F64_U;
            case F32_CONVERT_I32_S -> Opcodes.F32_CONVERT_I32_S;
            case F32_CONVERT_I32_U -> Opcodes.F32_CONVERT_I32_U;
            case F32_CONVERT_I64_S -> Opcodes.F32_CONVERT_I64_S;
            case F32_CONVERT_I64_U -> Opcodes.F32_CONVERT_I64_U;
            case F32_DEMOTE_F64 -> Opcodes.F32_DEMOTE_F64;
            case F64_CONVERT_I32_S -> Opcodes.F64_CONVERT_I32_S;
            case F64_CONVERT_I32_U -> Opcodes.F64_CONVERT_I32_U;
            case F64_CONVERT_I64_S -> Opcodes.F64_CONVERT_I64_S;
            case F64_CONVERT_I64_U -> Opcodes.F64_CONVERT_I64_U;
            case F64_PROMOTE_F32 -> Opcodes.F64_PROMOTE_F32;
            case I32_EXTEND8_S -> Opcodes.I32_EXTEND8_S;
            case I32_EXTEND16_S -> Opcodes.I32_EXTEND16_S;
            case I64_EXTEND8_S -> Opcodes.I64_EXTEND8_S;
            case I64_EXTEND16_S -> Opcodes.I64_EXTEND16_S;
            case I32_TRUNC_SAT_F32_S -> Opcodes.I32_TRUNC_SAT_F32_S;
            case I32_TRUNC_SAT_F32_U -> Opcodes.I32_TRUNC_SAT_F32_U;
            case I32_TRUNC_SAT_F64_S -> Opcodes.I32_TRUNC_SAT_F64_S;
            case I32_TRUNC_SAT_F64_U -> Opcodes.I32_TRUNC_SAT_F64_U;
            case I64_TRUNC_SAT_F32_S -> Opcodes.I64_TRUNC_SAT_F32_S;
            case I64_TRUNC_SAT_F32_U -> Opcodes.I64_TRUNC_SAT_F32_U;
            case I64_TRUNC_SAT_F64_S -> Opcodes.I64_TRUNC_SAT_F64_S;
            case I64_TRUNC_SAT_F64_U -> Opcodes.I64_TRUNC_SAT_F64_U;
            default -> throw new IllegalArgumentException("not a one-to-one numeric instruction: " + op);
        };
    }
}
