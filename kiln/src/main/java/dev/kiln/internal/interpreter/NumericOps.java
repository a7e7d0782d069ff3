package dev.kiln.internal.interpreter;

import static dev.kiln.internal.interpreter.Numerics.asF32;
import static dev.kiln.internal.interpreter.Numerics.asF64;
import static dev.kiln.internal.interpreter.Numerics.f32;
import static dev.kiln.internal.interpreter.Numerics.f64;

/**
 * The numeric instructions from {@link Opcodes#FIRST_NUMERIC_OP} to
 * {@link Opcodes#FIRST_COLD_OP}: f32 arithmetic, rounding, bit counting and the less common
 * conversions. They cost one extra call; in exchange the main loop stays small enough that the
 * JIT compiles it quickly.
 */
final class NumericOps {

    private NumericOps() {}

    private static final long MASK = 0xFFFFFFFFL;

    /** Runs one instruction {@code [opcode, a, b, c]} on the frame at {@code fp}. */
    static void execute(int opcode, int a, int b, int c, long[] s, int fp) {
        switch (opcode) {
            case Opcodes.F32_EQ -> s[fp + a] = asF32(s[fp + b]) == asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.F32_NE -> s[fp + a] = asF32(s[fp + b]) != asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.F32_LT -> s[fp + a] = asF32(s[fp + b]) < asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.F32_GT -> s[fp + a] = asF32(s[fp + b]) > asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.F32_LE -> s[fp + a] = asF32(s[fp + b]) <= asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.F32_GE -> s[fp + a] = asF32(s[fp + b]) >= asF32(s[fp + c]) ? 1 : 0;
            case Opcodes.I32_CLZ -> s[fp + a] = Integer.numberOfLeadingZeros((int) s[fp + b]);
            case Opcodes.I32_CTZ -> s[fp + a] = Integer.numberOfTrailingZeros((int) s[fp + b]);
            case Opcodes.I32_POPCNT -> s[fp + a] = Integer.bitCount((int) s[fp + b]);
            case Opcodes.I64_CLZ -> s[fp + a] = Long.numberOfLeadingZeros(s[fp + b]);
            case Opcodes.I64_CTZ -> s[fp + a] = Long.numberOfTrailingZeros(s[fp + b]);
            case Opcodes.I64_POPCNT -> s[fp + a] = Long.bitCount(s[fp + b]);
            case Opcodes.I64_ROTL -> s[fp + a] = Long.rotateLeft(s[fp + b], (int) s[fp + c]);
            case Opcodes.I64_ROTR -> s[fp + a] = Long.rotateRight(s[fp + b], (int) s[fp + c]);
            case Opcodes.F32_ABS -> s[fp + a] = s[fp + b] & 0x7FFFFFFFL;
            case Opcodes.F32_NEG -> s[fp + a] = s[fp + b] ^ 0x80000000L;
            case Opcodes.F32_CEIL -> s[fp + a] = Numerics.f32Ceil(s[fp + b]);
            case Opcodes.F32_FLOOR -> s[fp + a] = Numerics.f32Floor(s[fp + b]);
            case Opcodes.F32_TRUNC -> s[fp + a] = Numerics.f32Trunc(s[fp + b]);
            case Opcodes.F32_NEAREST -> s[fp + a] = Numerics.f32Nearest(s[fp + b]);
            case Opcodes.F32_SQRT -> s[fp + a] = Numerics.f32Sqrt(s[fp + b]);
            case Opcodes.F32_ADD -> s[fp + a] = f32(asF32(s[fp + b]) + asF32(s[fp + c]));
            case Opcodes.F32_SUB -> s[fp + a] = f32(asF32(s[fp + b]) - asF32(s[fp + c]));
            case Opcodes.F32_MUL -> s[fp + a] = f32(asF32(s[fp + b]) * asF32(s[fp + c]));
            case Opcodes.F32_DIV -> s[fp + a] = f32(asF32(s[fp + b]) / asF32(s[fp + c]));
            case Opcodes.F32_MIN -> s[fp + a] = Numerics.f32Min(s[fp + b], s[fp + c]);
            case Opcodes.F32_MAX -> s[fp + a] = Numerics.f32Max(s[fp + b], s[fp + c]);
            case Opcodes.F32_COPYSIGN -> s[fp + a] = Numerics.f32Copysign(s[fp + b], s[fp + c]);
            case Opcodes.F64_CEIL -> s[fp + a] = Numerics.f64Ceil(s[fp + b]);
            case Opcodes.F64_FLOOR -> s[fp + a] = Numerics.f64Floor(s[fp + b]);
            case Opcodes.F64_TRUNC -> s[fp + a] = Numerics.f64Trunc(s[fp + b]);
            case Opcodes.F64_NEAREST -> s[fp + a] = Numerics.f64Nearest(s[fp + b]);
            case Opcodes.F64_MIN -> s[fp + a] = Numerics.f64Min(s[fp + b], s[fp + c]);
            case Opcodes.F64_MAX -> s[fp + a] = Numerics.f64Max(s[fp + b], s[fp + c]);
            case Opcodes.F64_COPYSIGN -> s[fp + a] = Numerics.f64Copysign(s[fp + b], s[fp + c]);
            case Opcodes.I32_TRUNC_F32_S -> s[fp + a] = Numerics.i32TruncS(asF32(s[fp + b]));
            case Opcodes.I32_TRUNC_F32_U -> s[fp + a] = Numerics.i32TruncU(asF32(s[fp + b]));
            case Opcodes.I32_TRUNC_F64_U -> s[fp + a] = Numerics.i32TruncU(asF64(s[fp + b]));
            case Opcodes.I64_TRUNC_F32_S -> s[fp + a] = Numerics.i64TruncS(asF32(s[fp + b]));
            case Opcodes.I64_TRUNC_F32_U -> s[fp + a] = Numerics.i64TruncU(asF32(s[fp + b]));
            case Opcodes.I64_TRUNC_F64_S -> s[fp + a] = Numerics.i64TruncS(asF64(s[fp + b]));
            case Opcodes.I64_TRUNC_F64_U -> s[fp + a] = Numerics.i64TruncU(asF64(s[fp + b]));
            case Opcodes.F32_CONVERT_I32_S -> s[fp + a] = f32((int) s[fp + b]);
            case Opcodes.F32_CONVERT_I32_U -> s[fp + a] = f32(s[fp + b] & MASK);
            case Opcodes.F32_CONVERT_I64_S -> s[fp + a] = f32(s[fp + b]);
            case Opcodes.F32_CONVERT_I64_U -> s[fp + a] = f32(Numerics.u64ToF32(s[fp + b]));
            case Opcodes.F64_CONVERT_I64_U -> s[fp + a] = f64(Numerics.u64ToF64(s[fp + b]));
            case Opcodes.I32_EXTEND8_S -> s[fp + a] = (byte) s[fp + b] & MASK;
            case Opcodes.I32_EXTEND16_S -> s[fp + a] = (short) s[fp + b] & MASK;
            case Opcodes.I64_EXTEND8_S -> s[fp + a] = (byte) s[fp + b];
            case Opcodes.I64_EXTEND16_S -> s[fp + a] = (short) s[fp + b];
            case Opcodes.I32_TRUNC_SAT_F32_S -> s[fp + a] = Numerics.i32TruncSatS(asF32(s[fp + b]));
            case Opcodes.I32_TRUNC_SAT_F32_U -> s[fp + a] = Numerics.i32TruncSatU(asF32(s[fp + b]));
            case Opcodes.I32_TRUNC_SAT_F64_S -> s[fp + a] = Numerics.i32TruncSatS(asF64(s[fp + b]));
            case Opcodes.I32_TRUNC_SAT_F64_U -> s[fp + a] = Numerics.i32TruncSatU(asF64(s[fp + b]));
            case Opcodes.I64_TRUNC_SAT_F32_S -> s[fp + a] = Numerics.i64TruncSatS(asF32(s[fp + b]));
            case Opcodes.I64_TRUNC_SAT_F32_U -> s[fp + a] = Numerics.i64TruncSatU(asF32(s[fp + b]));
            case Opcodes.I64_TRUNC_SAT_F64_S -> s[fp + a] = Numerics.i64TruncSatS(asF64(s[fp + b]));
            case Opcodes.I64_TRUNC_SAT_F64_U -> s[fp + a] = Numerics.i64TruncSatU(asF64(s[fp + b]));
            default -> throw new IllegalStateException("not a numeric opcode: " + opcode);
        }
    }
}
