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
 *
 * <p>Within the main loop the order matters for a second reason. C2 parses the cases of the
 * loop's {@code switch} from the highest opcode down, and once the graph has grown past its
 * inlining cutoff ({@code NodeCountInliningCutoff}, 18,000 nodes, a build-time constant) it
 * stops inlining: every method called from a case parsed after that point stays a call. The
 * loop passes the cutoff (each native memory access alone inlines to some 1,700 nodes), so
 * the instructions whose cases call small methods that must be inlined (calls and returns,
 * globals, loads and stores) have the highest numbers, and the numeric ones, whose cases call
 * only intrinsics and {@link Numerics}' division and truncation helpers, the lowest. See docs/interpreter.md.
 */
final class Opcodes {

    private Opcodes() {}

    // Frequent numeric instructions: unary [op, dst, x, _], binary [op, dst, x, y].
    static final int I32_EQZ = 0;
    static final int I32_EQ = 1;
    static final int I32_NE = 2;
    static final int I32_LT_S = 3;
    static final int I32_LT_U = 4;
    static final int I32_GT_S = 5;
    static final int I32_GT_U = 6;
    static final int I32_LE_S = 7;
    static final int I32_LE_U = 8;
    static final int I32_GE_S = 9;
    static final int I32_GE_U = 10;
    static final int I64_EQZ = 11;
    static final int I64_EQ = 12;
    static final int I64_NE = 13;
    static final int I64_LT_S = 14;
    static final int I64_LT_U = 15;
    static final int I64_GT_S = 16;
    static final int I64_GT_U = 17;
    static final int I64_LE_S = 18;
    static final int I64_LE_U = 19;
    static final int I64_GE_S = 20;
    static final int I64_GE_U = 21;
    static final int F64_EQ = 22;
    static final int F64_NE = 23;
    static final int F64_LT = 24;
    static final int F64_GT = 25;
    static final int F64_LE = 26;
    static final int F64_GE = 27;
    static final int I32_ADD = 28;
    static final int I32_SUB = 29;
    static final int I32_MUL = 30;
    static final int I32_DIV_S = 31;
    static final int I32_DIV_U = 32;
    static final int I32_REM_S = 33;
    static final int I32_REM_U = 34;
    static final int I32_AND = 35;
    static final int I32_OR = 36;
    static final int I32_XOR = 37;
    static final int I32_SHL = 38;
    static final int I32_SHR_S = 39;
    static final int I32_SHR_U = 40;
    static final int I32_ROTL = 41;
    static final int I32_ROTR = 42;
    static final int I64_ADD = 43;
    static final int I64_SUB = 44;
    static final int I64_MUL = 45;
    static final int I64_DIV_S = 46;
    static final int I64_DIV_U = 47;
    static final int I64_REM_S = 48;
    static final int I64_REM_U = 49;
    static final int I64_AND = 50;
    static final int I64_OR = 51;
    static final int I64_XOR = 52;
    static final int I64_SHL = 53;
    static final int I64_SHR_S = 54;
    static final int I64_SHR_U = 55;
    static final int F64_ABS = 56;
    static final int F64_NEG = 57;
    static final int F64_SQRT = 58;
    static final int F64_ADD = 59;
    static final int F64_SUB = 60;
    static final int F64_MUL = 61;
    static final int F64_DIV = 62;
    static final int I32_WRAP_I64 = 63;
    static final int I64_EXTEND_I32_S = 64;
    static final int I32_TRUNC_F64_S = 65;
    static final int F64_CONVERT_I32_S = 66;
    static final int F64_CONVERT_I32_U = 67;
    static final int F64_CONVERT_I64_S = 68;
    static final int F64_PROMOTE_F32 = 69;
    static final int F32_DEMOTE_F64 = 70;

    // Control. Branches keep their target in the last word: [BR, _, _, target],
    // [BR_NEZ, cond, _, target], [BR_I32_LT_S, x, y, target].
    static final int UNREACHABLE = 71;
    static final int BR = 72;
    static final int BR_NEZ = 73;
    static final int BR_EQZ = 74;
    static final int BR_I32_EQ = 75;
    static final int BR_I32_NE = 76;
    static final int BR_I32_LT_S = 77;
    static final int BR_I32_LT_U = 78;
    static final int BR_I32_GT_S = 79;
    static final int BR_I32_GT_U = 80;
    static final int BR_I32_LE_S = 81;
    static final int BR_I32_LE_U = 82;
    static final int BR_I32_GE_S = 83;
    static final int BR_I32_GE_U = 84;
    static final int BR_I64_NEZ = 85;
    static final int BR_I64_EQZ = 86;
    static final int BR_I64_EQ = 87;
    static final int BR_I64_NE = 88;
    static final int BR_I64_LT_S = 89;
    static final int BR_I64_LT_U = 90;
    static final int BR_I64_GT_S = 91;
    static final int BR_I64_GT_U = 92;
    static final int BR_I64_LE_S = 93;
    static final int BR_I64_LE_U = 94;
    static final int BR_I64_GE_S = 95;
    static final int BR_I64_GE_U = 96;
    /** [op, index, n, _] then n + 1 target words (the default last), padded to a multiple of 4. */
    static final int BR_TABLE = 97;
    /** Results already in slots 0... */
    static final int RETURN = 98;
    /** [op, src, _, _]: the single one-slot result is in {@code src}. */
    static final int RETURN1 = 99;
    /** [op, function index, argument base slot, _]. */
    static final int CALL = 100;
    /**
     * [op, index slot, argument base slot, position of the next word] then [type index, table
     * index, _, _]. The extension word is read through its position, not {@code pc + 4}: HotSpot
     * would otherwise widen the loop's range check on {@code code[pc + 1]} to {@code pc + 4} for
     * every instruction and deoptimize at the last instruction of each function.
     */
    static final int CALL_INDIRECT = 101;

    // Data movement. [op, dst, src, _]; CONST is [op, dst, low bits, high bits].
    static final int MOVE = 102;
    static final int MOVE2 = 103;
    static final int CONST = 104;
    /** [op, dst (holds the first operand), second operand, cond]. */
    static final int SELECT = 105;
    static final int SELECT2 = 106;
    /** [op, dst, global index, _] / [op, global index, src, _]. */
    static final int GLOBAL_GET = 107;
    static final int GLOBAL_SET = 108;
    static final int GLOBAL_GET2 = 109;
    static final int GLOBAL_SET2 = 110;

    // Memory 0. Loads [op, dst, addr, offset]; stores [op, addr, value, offset]. f32/f64 use the
    // i32/i64 forms (slots hold bits), and zero-extending i64 loads use the i32 forms.
    static final int I32_LOAD = 111;
    static final int I64_LOAD = 112;
    static final int I32_LOAD8_S = 113;
    static final int I32_LOAD8_U = 114;
    static final int I32_LOAD16_S = 115;
    static final int I32_LOAD16_U = 116;
    static final int I64_LOAD8_S = 117;
    static final int I64_LOAD16_S = 118;
    static final int I64_LOAD32_S = 119;
    static final int I32_STORE = 120;
    static final int I64_STORE = 121;
    static final int STORE8 = 122;
    /** [op, dst, _, _]. */
    static final int MEMORY_SIZE = 123;
    /** [op, dst, delta, _]. */
    static final int MEMORY_GROW = 124;

    /** First opcode the main loop hands to {@link NumericOps}. */
    static final int FIRST_NUMERIC_OP = 125;

    // Less frequent numeric instructions, same operand forms.
    static final int F32_EQ = 125;
    static final int F32_NE = 126;
    static final int F32_LT = 127;
    static final int F32_GT = 128;
    static final int F32_LE = 129;
    static final int F32_GE = 130;
    static final int I32_CLZ = 131;
    static final int I32_CTZ = 132;
    static final int I32_POPCNT = 133;
    static final int I64_CLZ = 134;
    static final int I64_CTZ = 135;
    static final int I64_POPCNT = 136;
    static final int I64_ROTL = 137;
    static final int I64_ROTR = 138;
    static final int F32_ABS = 139;
    static final int F32_NEG = 140;
    static final int F32_CEIL = 141;
    static final int F32_FLOOR = 142;
    static final int F32_TRUNC = 143;
    static final int F32_NEAREST = 144;
    static final int F32_SQRT = 145;
    static final int F32_ADD = 146;
    static final int F32_SUB = 147;
    static final int F32_MUL = 148;
    static final int F32_DIV = 149;
    static final int F32_MIN = 150;
    static final int F32_MAX = 151;
    static final int F32_COPYSIGN = 152;
    static final int F64_CEIL = 153;
    static final int F64_FLOOR = 154;
    static final int F64_TRUNC = 155;
    static final int F64_NEAREST = 156;
    static final int F64_MIN = 157;
    static final int F64_MAX = 158;
    static final int F64_COPYSIGN = 159;
    static final int I32_TRUNC_F32_S = 160;
    static final int I32_TRUNC_F32_U = 161;
    static final int I32_TRUNC_F64_U = 162;
    static final int I64_TRUNC_F32_S = 163;
    static final int I64_TRUNC_F32_U = 164;
    static final int I64_TRUNC_F64_S = 165;
    static final int I64_TRUNC_F64_U = 166;
    static final int F32_CONVERT_I32_S = 167;
    static final int F32_CONVERT_I32_U = 168;
    static final int F32_CONVERT_I64_S = 169;
    static final int F32_CONVERT_I64_U = 170;
    static final int F64_CONVERT_I64_U = 171;
    static final int I32_EXTEND8_S = 172;
    static final int I32_EXTEND16_S = 173;
    static final int I64_EXTEND8_S = 174;
    static final int I64_EXTEND16_S = 175;
    static final int I32_TRUNC_SAT_F32_S = 176;
    static final int I32_TRUNC_SAT_F32_U = 177;
    static final int I32_TRUNC_SAT_F64_S = 178;
    static final int I32_TRUNC_SAT_F64_U = 179;
    static final int I64_TRUNC_SAT_F32_S = 180;
    static final int I64_TRUNC_SAT_F32_U = 181;
    static final int I64_TRUNC_SAT_F64_S = 182;
    static final int I64_TRUNC_SAT_F64_U = 183;

    /** First opcode the main loop hands to {@link ColdOps}. */
    static final int FIRST_COLD_OP = 184;

    // Bulk memory and tables: the three stack operands are materialized in consecutive slots
    // starting at {@code base}. [op, base, segment / memory / table, second index].
    static final int MEMORY_INIT = 184;
    static final int DATA_DROP = 185;
    static final int MEMORY_COPY = 186;
    static final int MEMORY_FILL = 187;
    static final int TABLE_INIT = 188;
    static final int ELEM_DROP = 189;
    static final int TABLE_COPY = 190;
    static final int TABLE_FILL = 191;
    /** [op, dst, index slot, table]. */
    static final int TABLE_GET = 192;
    /** [op, index slot, value slot, table]. */
    static final int TABLE_SET = 193;
    /** [op, dst, _, table]. */
    static final int TABLE_SIZE = 194;
    /** [op, base (init value, then delta; result goes to base), _, table]. */
    static final int TABLE_GROW = 195;
    /** [op, dst, function index, _]. */
    static final int REF_FUNC = 196;
    /** [op, Op ordinal, _, _]: a SIMD instruction, which this interpreter cannot run yet. */
    static final int SIMD_UNSUPPORTED = 197;
    /** [op, addr, value, offset]: a 16-bit store, rare enough to run out of the main loop. */
    static final int STORE16 = 198;
}
