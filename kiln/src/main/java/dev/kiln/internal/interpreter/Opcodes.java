package dev.kiln.internal.interpreter;

/**
 * The instruction set of lowered code.
 *
 * <p>Every instruction is four {@code int}s, {@code [opcode, a, b, c]}; a few carry extra words
 * after them (noted below). Operands named {@code dst}, {@code x}, {@code y}, {@code addr},
 * {@code value} and {@code cond} are <em>slots</em>: offsets from the frame pointer into the
 * value stack, where locals, pooled constants and operand-stack temporaries all live (see
 * {@link FunctionCode}). This register form is why {@code local.get}, {@code i32.const} and
 * most {@code local.set}s cost no dispatch of their own. Branch targets are absolute positions
 * in the function's code array.
 *
 * <p>i32 and f32 values are kept zero-extended in their slots; f32/f64 as raw IEEE-754 bits.
 *
 * <p>The numbering is dense so that {@code switch} compiles to a table, and ordered by how
 * often code runs them: the main loop ({@link Interpreter}) holds only the frequent ones, so
 * that the JIT compiles it quickly and well; the rest run in {@link NumericOps} and
 * {@link ColdOps}.
 */
final class Opcodes {

    private Opcodes() {}

    // Control. Branches keep their target in the last word: [BR, _, _, target],
    // [BR_NEZ, cond, _, target], [BR_I32_LT_S, x, y, target].
    static final int UNREACHABLE = 0;
    static final int BR = 1;
    static final int BR_NEZ = 2;
    static final int BR_EQZ = 3;
    static final int BR_I32_EQ = 4;
    static final int BR_I32_NE = 5;
    static final int BR_I32_LT_S = 6;
    static final int BR_I32_LT_U = 7;
    static final int BR_I32_GT_S = 8;
    static final int BR_I32_GT_U = 9;
    static final int BR_I32_LE_S = 10;
    static final int BR_I32_LE_U = 11;
    static final int BR_I32_GE_S = 12;
    static final int BR_I32_GE_U = 13;
    static final int BR_I64_NEZ = 14;
    static final int BR_I64_EQZ = 15;
    /** [op, index, n, _] then n + 1 target words (the default last), padded to a multiple of 4. */
    static final int BR_TABLE = 16;
    /** Results already in slots 0... */
    static final int RETURN = 17;
    /** [op, src, _, _]: the single one-slot result is in {@code src}. */
    static final int RETURN1 = 18;
    /** [op, function index, argument base slot, _]. */
    static final int CALL = 19;
    /**
     * [op, index slot, argument base slot, position of the next word] then [type index, table
     * index, _, _]. The extension word is read through its position, not {@code pc + 4}: HotSpot
     * would otherwise widen the loop's range check on {@code code[pc + 1]} to {@code pc + 4} for
     * every instruction and deoptimize at the last instruction of each function.
     */
    static final int CALL_INDIRECT = 20;

    // Data movement. [op, dst, src, _]; CONST is [op, dst, low bits, high bits].
    static final int MOVE = 21;
    static final int MOVE2 = 22;
    static final int CONST = 23;
    /** [op, dst (holds the first operand), second operand, cond]. */
    static final int SELECT = 24;
    static final int SELECT2 = 25;
    /** [op, dst, global index, _] / [op, global index, src, _]. */
    static final int GLOBAL_GET = 26;
    static final int GLOBAL_SET = 27;
    static final int GLOBAL_GET2 = 28;
    static final int GLOBAL_SET2 = 29;

    // Memory 0. Loads [op, dst, addr, offset]; stores [op, addr, value, offset]. f32/f64 use the
    // i32/i64 forms (slots hold bits), and zero-extending i64 loads use the i32 forms.
    static final int I32_LOAD = 30;
    static final int I64_LOAD = 31;
    static final int I32_LOAD8_S = 32;
    static final int I32_LOAD8_U = 33;
    static final int I32_LOAD16_S = 34;
    static final int I32_LOAD16_U = 35;
    static final int I64_LOAD8_S = 36;
    static final int I64_LOAD16_S = 37;
    static final int I64_LOAD32_S = 38;
    static final int I32_STORE = 39;
    static final int I64_STORE = 40;
    static final int STORE8 = 41;
    static final int STORE16 = 42;
    /** [op, dst, _, _]. */
    static final int MEMORY_SIZE = 43;
    /** [op, dst, delta, _]. */
    static final int MEMORY_GROW = 44;

    // Frequent numeric instructions: unary [op, dst, x, _], binary [op, dst, x, y].
    static final int I32_EQZ = 45;
    static final int I32_EQ = 46;
    static final int I32_NE = 47;
    static final int I32_LT_S = 48;
    static final int I32_LT_U = 49;
    static final int I32_GT_S = 50;
    static final int I32_GT_U = 51;
    static final int I32_LE_S = 52;
    static final int I32_LE_U = 53;
    static final int I32_GE_S = 54;
    static final int I32_GE_U = 55;
    static final int I64_EQZ = 56;
    static final int I64_EQ = 57;
    static final int I64_NE = 58;
    static final int I64_LT_S = 59;
    static final int I64_LT_U = 60;
    static final int I64_GT_S = 61;
    static final int I64_GT_U = 62;
    static final int I64_LE_S = 63;
    static final int I64_LE_U = 64;
    static final int I64_GE_S = 65;
    static final int I64_GE_U = 66;
    static final int F64_EQ = 67;
    static final int F64_NE = 68;
    static final int F64_LT = 69;
    static final int F64_GT = 70;
    static final int F64_LE = 71;
    static final int F64_GE = 72;
    static final int I32_ADD = 73;
    static final int I32_SUB = 74;
    static final int I32_MUL = 75;
    static final int I32_DIV_S = 76;
    static final int I32_DIV_U = 77;
    static final int I32_REM_S = 78;
    static final int I32_REM_U = 79;
    static final int I32_AND = 80;
    static final int I32_OR = 81;
    static final int I32_XOR = 82;
    static final int I32_SHL = 83;
    static final int I32_SHR_S = 84;
    static final int I32_SHR_U = 85;
    static final int I32_ROTL = 86;
    static final int I32_ROTR = 87;
    static final int I64_ADD = 88;
    static final int I64_SUB = 89;
    static final int I64_MUL = 90;
    static final int I64_DIV_S = 91;
    static final int I64_DIV_U = 92;
    static final int I64_REM_S = 93;
    static final int I64_REM_U = 94;
    static final int I64_AND = 95;
    static final int I64_OR = 96;
    static final int I64_XOR = 97;
    static final int I64_SHL = 98;
    static final int I64_SHR_S = 99;
    static final int I64_SHR_U = 100;
    static final int F64_ABS = 101;
    static final int F64_NEG = 102;
    static final int F64_SQRT = 103;
    static final int F64_ADD = 104;
    static final int F64_SUB = 105;
    static final int F64_MUL = 106;
    static final int F64_DIV = 107;
    static final int I32_WRAP_I64 = 108;
    static final int I64_EXTEND_I32_S = 109;
    static final int I32_TRUNC_F64_S = 110;
    static final int F64_CONVERT_I32_S = 111;
    static final int F64_CONVERT_I32_U = 112;
    static final int F64_CONVERT_I64_S = 113;
    static final int F64_PROMOTE_F32 = 114;
    static final int F32_DEMOTE_F64 = 115;

    /** First opcode the main loop hands to {@link NumericOps}. */
    static final int FIRST_NUMERIC_OP = 116;

    // Less frequent numeric instructions, same operand forms.
    static final int F32_EQ = 116;
    static final int F32_NE = 117;
    static final int F32_LT = 118;
    static final int F32_GT = 119;
    static final int F32_LE = 120;
    static final int F32_GE = 121;
    static final int I32_CLZ = 122;
    static final int I32_CTZ = 123;
    static final int I32_POPCNT = 124;
    static final int I64_CLZ = 125;
    static final int I64_CTZ = 126;
    static final int I64_POPCNT = 127;
    static final int I64_ROTL = 128;
    static final int I64_ROTR = 129;
    static final int F32_ABS = 130;
    static final int F32_NEG = 131;
    static final int F32_CEIL = 132;
    static final int F32_FLOOR = 133;
    static final int F32_TRUNC = 134;
    static final int F32_NEAREST = 135;
    static final int F32_SQRT = 136;
    static final int F32_ADD = 137;
    static final int F32_SUB = 138;
    static final int F32_MUL = 139;
    static final int F32_DIV = 140;
    static final int F32_MIN = 141;
    static final int F32_MAX = 142;
    static final int F32_COPYSIGN = 143;
    static final int F64_CEIL = 144;
    static final int F64_FLOOR = 145;
    static final int F64_TRUNC = 146;
    static final int F64_NEAREST = 147;
    static final int F64_MIN = 148;
    static final int F64_MAX = 149;
    static final int F64_COPYSIGN = 150;
    static final int I32_TRUNC_F32_S = 151;
    static final int I32_TRUNC_F32_U = 152;
    static final int I32_TRUNC_F64_U = 153;
    static final int I64_TRUNC_F32_S = 154;
    static final int I64_TRUNC_F32_U = 155;
    static final int I64_TRUNC_F64_S = 156;
    static final int I64_TRUNC_F64_U = 157;
    static final int F32_CONVERT_I32_S = 158;
    static final int F32_CONVERT_I32_U = 159;
    static final int F32_CONVERT_I64_S = 160;
    static final int F32_CONVERT_I64_U = 161;
    static final int F64_CONVERT_I64_U = 162;
    static final int I32_EXTEND8_S = 163;
    static final int I32_EXTEND16_S = 164;
    static final int I64_EXTEND8_S = 165;
    static final int I64_EXTEND16_S = 166;
    static final int I32_TRUNC_SAT_F32_S = 167;
    static final int I32_TRUNC_SAT_F32_U = 168;
    static final int I32_TRUNC_SAT_F64_S = 169;
    static final int I32_TRUNC_SAT_F64_U = 170;
    static final int I64_TRUNC_SAT_F32_S = 171;
    static final int I64_TRUNC_SAT_F32_U = 172;
    static final int I64_TRUNC_SAT_F64_S = 173;
    static final int I64_TRUNC_SAT_F64_U = 174;

    /** First opcode the main loop hands to {@link ColdOps}. */
    static final int FIRST_COLD_OP = 175;

    // Bulk memory and tables: the three stack operands are materialized in consecutive slots
    // starting at {@code base}. [op, base, segment / memory / table, second index].
    static final int MEMORY_INIT = 175;
    static final int DATA_DROP = 176;
    static final int MEMORY_COPY = 177;
    static final int MEMORY_FILL = 178;
    static final int TABLE_INIT = 179;
    static final int ELEM_DROP = 180;
    static final int TABLE_COPY = 181;
    static final int TABLE_FILL = 182;
    /** [op, dst, index slot, table]. */
    static final int TABLE_GET = 183;
    /** [op, index slot, value slot, table]. */
    static final int TABLE_SET = 184;
    /** [op, dst, _, table]. */
    static final int TABLE_SIZE = 185;
    /** [op, base (init value, then delta; result goes to base), _, table]. */
    static final int TABLE_GROW = 186;
    /** [op, dst, function index, _]. */
    static final int REF_FUNC = 187;
    /** [op, Op ordinal, _, _]: a SIMD instruction, which this interpreter cannot run yet. */
    static final int SIMD_UNSUPPORTED = 188;
}
