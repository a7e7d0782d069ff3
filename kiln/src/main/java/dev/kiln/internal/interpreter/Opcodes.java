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
    static final int BR_I64_EQ = 16;
    static final int BR_I64_NE = 17;
    static final int BR_I64_LT_S = 18;
    static final int BR_I64_LT_U = 19;
    static final int BR_I64_GT_S = 20;
    static final int BR_I64_GT_U = 21;
    static final int BR_I64_LE_S = 22;
    static final int BR_I64_LE_U = 23;
    static final int BR_I64_GE_S = 24;
    static final int BR_I64_GE_U = 25;
    /** [op, index, n, _] then n + 1 target words (the default last), padded to a multiple of 4. */
    static final int BR_TABLE = 26;
    /** Results already in slots 0... */
    static final int RETURN = 27;
    /** [op, src, _, _]: the single one-slot result is in {@code src}. */
    static final int RETURN1 = 28;
    /** [op, function index, argument base slot, _]. */
    static final int CALL = 29;
    /**
     * [op, index slot, argument base slot, position of the next word] then [type index, table
     * index, _, _]. The extension word is read through its position, not {@code pc + 4}: HotSpot
     * would otherwise widen the loop's range check on {@code code[pc + 1]} to {@code pc + 4} for
     * every instruction and deoptimize at the last instruction of each function.
     */
    static final int CALL_INDIRECT = 30;

    // Data movement. [op, dst, src, _]; CONST is [op, dst, low bits, high bits].
    static final int MOVE = 31;
    static final int MOVE2 = 32;
    static final int CONST = 33;
    /** [op, dst (holds the first operand), second operand, cond]. */
    static final int SELECT = 34;
    static final int SELECT2 = 35;
    /** [op, dst, global index, _] / [op, global index, src, _]. */
    static final int GLOBAL_GET = 36;
    static final int GLOBAL_SET = 37;
    static final int GLOBAL_GET2 = 38;
    static final int GLOBAL_SET2 = 39;

    // Memory 0. Loads [op, dst, addr, offset]; stores [op, addr, value, offset]. f32/f64 use the
    // i32/i64 forms (slots hold bits), and zero-extending i64 loads use the i32 forms.
    static final int I32_LOAD = 40;
    static final int I64_LOAD = 41;
    static final int I32_LOAD8_S = 42;
    static final int I32_LOAD8_U = 43;
    static final int I32_LOAD16_S = 44;
    static final int I32_LOAD16_U = 45;
    static final int I64_LOAD8_S = 46;
    static final int I64_LOAD16_S = 47;
    static final int I64_LOAD32_S = 48;
    static final int I32_STORE = 49;
    static final int I64_STORE = 50;
    static final int STORE8 = 51;
    static final int STORE16 = 52;
    /** [op, dst, _, _]. */
    static final int MEMORY_SIZE = 53;
    /** [op, dst, delta, _]. */
    static final int MEMORY_GROW = 54;

    // Frequent numeric instructions: unary [op, dst, x, _], binary [op, dst, x, y].
    static final int I32_EQZ = 55;
    static final int I32_EQ = 56;
    static final int I32_NE = 57;
    static final int I32_LT_S = 58;
    static final int I32_LT_U = 59;
    static final int I32_GT_S = 60;
    static final int I32_GT_U = 61;
    static final int I32_LE_S = 62;
    static final int I32_LE_U = 63;
    static final int I32_GE_S = 64;
    static final int I32_GE_U = 65;
    static final int I64_EQZ = 66;
    static final int I64_EQ = 67;
    static final int I64_NE = 68;
    static final int I64_LT_S = 69;
    static final int I64_LT_U = 70;
    static final int I64_GT_S = 71;
    static final int I64_GT_U = 72;
    static final int I64_LE_S = 73;
    static final int I64_LE_U = 74;
    static final int I64_GE_S = 75;
    static final int I64_GE_U = 76;
    static final int F64_EQ = 77;
    static final int F64_NE = 78;
    static final int F64_LT = 79;
    static final int F64_GT = 80;
    static final int F64_LE = 81;
    static final int F64_GE = 82;
    static final int I32_ADD = 83;
    static final int I32_SUB = 84;
    static final int I32_MUL = 85;
    static final int I32_DIV_S = 86;
    static final int I32_DIV_U = 87;
    static final int I32_REM_S = 88;
    static final int I32_REM_U = 89;
    static final int I32_AND = 90;
    static final int I32_OR = 91;
    static final int I32_XOR = 92;
    static final int I32_SHL = 93;
    static final int I32_SHR_S = 94;
    static final int I32_SHR_U = 95;
    static final int I32_ROTL = 96;
    static final int I32_ROTR = 97;
    static final int I64_ADD = 98;
    static final int I64_SUB = 99;
    static final int I64_MUL = 100;
    static final int I64_DIV_S = 101;
    static final int I64_DIV_U = 102;
    static final int I64_REM_S = 103;
    static final int I64_REM_U = 104;
    static final int I64_AND = 105;
    static final int I64_OR = 106;
    static final int I64_XOR = 107;
    static final int I64_SHL = 108;
    static final int I64_SHR_S = 109;
    static final int I64_SHR_U = 110;
    static final int F64_ABS = 111;
    static final int F64_NEG = 112;
    static final int F64_SQRT = 113;
    static final int F64_ADD = 114;
    static final int F64_SUB = 115;
    static final int F64_MUL = 116;
    static final int F64_DIV = 117;
    static final int I32_WRAP_I64 = 118;
    static final int I64_EXTEND_I32_S = 119;
    static final int I32_TRUNC_F64_S = 120;
    static final int F64_CONVERT_I32_S = 121;
    static final int F64_CONVERT_I32_U = 122;
    static final int F64_CONVERT_I64_S = 123;
    static final int F64_PROMOTE_F32 = 124;
    static final int F32_DEMOTE_F64 = 125;

    /** First opcode the main loop hands to {@link NumericOps}. */
    static final int FIRST_NUMERIC_OP = 126;

    // Less frequent numeric instructions, same operand forms.
    static final int F32_EQ = 126;
    static final int F32_NE = 127;
    static final int F32_LT = 128;
    static final int F32_GT = 129;
    static final int F32_LE = 130;
    static final int F32_GE = 131;
    static final int I32_CLZ = 132;
    static final int I32_CTZ = 133;
    static final int I32_POPCNT = 134;
    static final int I64_CLZ = 135;
    static final int I64_CTZ = 136;
    static final int I64_POPCNT = 137;
    static final int I64_ROTL = 138;
    static final int I64_ROTR = 139;
    static final int F32_ABS = 140;
    static final int F32_NEG = 141;
    static final int F32_CEIL = 142;
    static final int F32_FLOOR = 143;
    static final int F32_TRUNC = 144;
    static final int F32_NEAREST = 145;
    static final int F32_SQRT = 146;
    static final int F32_ADD = 147;
    static final int F32_SUB = 148;
    static final int F32_MUL = 149;
    static final int F32_DIV = 150;
    static final int F32_MIN = 151;
    static final int F32_MAX = 152;
    static final int F32_COPYSIGN = 153;
    static final int F64_CEIL = 154;
    static final int F64_FLOOR = 155;
    static final int F64_TRUNC = 156;
    static final int F64_NEAREST = 157;
    static final int F64_MIN = 158;
    static final int F64_MAX = 159;
    static final int F64_COPYSIGN = 160;
    static final int I32_TRUNC_F32_S = 161;
    static final int I32_TRUNC_F32_U = 162;
    static final int I32_TRUNC_F64_U = 163;
    static final int I64_TRUNC_F32_S = 164;
    static final int I64_TRUNC_F32_U = 165;
    static final int I64_TRUNC_F64_S = 166;
    static final int I64_TRUNC_F64_U = 167;
    static final int F32_CONVERT_I32_S = 168;
    static final int F32_CONVERT_I32_U = 169;
    static final int F32_CONVERT_I64_S = 170;
    static final int F32_CONVERT_I64_U = 171;
    static final int F64_CONVERT_I64_U = 172;
    static final int I32_EXTEND8_S = 173;
    static final int I32_EXTEND16_S = 174;
    static final int I64_EXTEND8_S = 175;
    static final int I64_EXTEND16_S = 176;
    static final int I32_TRUNC_SAT_F32_S = 177;
    static final int I32_TRUNC_SAT_F32_U = 178;
    static final int I32_TRUNC_SAT_F64_S = 179;
    static final int I32_TRUNC_SAT_F64_U = 180;
    static final int I64_TRUNC_SAT_F32_S = 181;
    static final int I64_TRUNC_SAT_F32_U = 182;
    static final int I64_TRUNC_SAT_F64_S = 183;
    static final int I64_TRUNC_SAT_F64_U = 184;

    /** First opcode the main loop hands to {@link ColdOps}. */
    static final int FIRST_COLD_OP = 185;

    // Bulk memory and tables: the three stack operands are materialized in consecutive slots
    // starting at {@code base}. [op, base, segment / memory / table, second index].
    static final int MEMORY_INIT = 185;
    static final int DATA_DROP = 186;
    static final int MEMORY_COPY = 187;
    static final int MEMORY_FILL = 188;
    static final int TABLE_INIT = 189;
    static final int ELEM_DROP = 190;
    static final int TABLE_COPY = 191;
    static final int TABLE_FILL = 192;
    /** [op, dst, index slot, table]. */
    static final int TABLE_GET = 193;
    /** [op, index slot, value slot, table]. */
    static final int TABLE_SET = 194;
    /** [op, dst, _, table]. */
    static final int TABLE_SIZE = 195;
    /** [op, base (init value, then delta; result goes to base), _, table]. */
    static final int TABLE_GROW = 196;
    /** [op, dst, function index, _]. */
    static final int REF_FUNC = 197;
    /** [op, Op ordinal, _, _]: a SIMD instruction, which this interpreter cannot run yet. */
    static final int SIMD_UNSUPPORTED = 198;
}
