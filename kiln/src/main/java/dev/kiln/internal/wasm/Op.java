package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * Every WebAssembly 2.0 instruction.
 *
 * <p>{@link #code()} is the opcode byte for single-byte opcodes; prefixed opcodes are
 * {@code prefix << 12 | subOpcode} ({@code 0xFC000 | n} for the 0xFC group,
 * {@code 0xFD000 | n} for SIMD).
 *
 * <p>{@link #signature()} is the operand/result typing of instructions whose typing is fixed,
 * written {@code params>results} with one letter per value: {@code i} i32, {@code l} i64,
 * {@code f} f32, {@code d} f64, {@code v} v128. It is {@code null} for instructions whose typing
 * depends on context (control, locals, globals, tables, references, parametric).
 * {@link #accessBytes()} is the width of the memory access for loads and stores (it bounds the
 * alignment immediate), 0 otherwise.
 */
public enum Op {
    UNREACHABLE(0x00, "unreachable", Immediate.NONE, null, 0),
    NOP(0x01, "nop", Immediate.NONE, null, 0),
    BLOCK(0x02, "block", Immediate.BLOCK_TYPE, null, 0),
    LOOP(0x03, "loop", Immediate.BLOCK_TYPE, null, 0),
    IF(0x04, "if", Immediate.BLOCK_TYPE, null, 0),
    ELSE(0x05, "else", Immediate.NONE, null, 0),
    END(0x0B, "end", Immediate.NONE, null, 0),
    BR(0x0C, "br", Immediate.LABEL, null, 0),
    BR_IF(0x0D, "br_if", Immediate.LABEL, null, 0),
    BR_TABLE(0x0E, "br_table", Immediate.BR_TABLE, null, 0),
    RETURN(0x0F, "return", Immediate.NONE, null, 0),
    CALL(0x10, "call", Immediate.FUNCTION, null, 0),
    CALL_INDIRECT(0x11, "call_indirect", Immediate.CALL_INDIRECT, null, 0),
    DROP(0x1A, "drop", Immediate.NONE, null, 0),
    SELECT(0x1B, "select", Immediate.NONE, null, 0),
    SELECT_T(0x1C, "select_t", Immediate.SELECT_TYPES, null, 0),
    LOCAL_GET(0x20, "local.get", Immediate.LOCAL, null, 0),
    LOCAL_SET(0x21, "local.set", Immediate.LOCAL, null, 0),
    LOCAL_TEE(0x22, "local.tee", Immediate.LOCAL, null, 0),
    GLOBAL_GET(0x23, "global.get", Immediate.GLOBAL, null, 0),
    GLOBAL_SET(0x24, "global.set", Immediate.GLOBAL, null, 0),
    TABLE_GET(0x25, "table.get", Immediate.TABLE, null, 0),
    TABLE_SET(0x26, "table.set", Immediate.TABLE, null, 0),
    I32_LOAD(0x28, "i32.load", Immediate.MEMARG, "i>i", 4),
    I64_LOAD(0x29, "i64.load", Immediate.MEMARG, "i>l", 8),
    F32_LOAD(0x2A, "f32.load", Immediate.MEMARG, "i>f", 4),
    F64_LOAD(0x2B, "f64.load", Immediate.MEMARG, "i>d", 8),
    I32_LOAD8_S(0x2C, "i32.load8_s", Immediate.MEMARG, "i>i", 1),
    I32_LOAD8_U(0x2D, "i32.load8_u", Immediate.MEMARG, "i>i", 1),
    I32_LOAD16_S(0x2E, "i32.load16_s", Immediate.MEMARG, "i>i", 2),
    I32_LOAD16_U(0x2F, "i32.load16_u", Immediate.MEMARG, "i>i", 2),
    I64_LOAD8_S(0x30, "i64.load8_s", Immediate.MEMARG, "i>l", 1),
    I64_LOAD8_U(0x31, "i64.load8_u", Immediate.MEMARG, "i>l", 1),
    I64_LOAD16_S(0x32, "i64.load16_s", Immediate.MEMARG, "i>l", 2),
    I64_LOAD16_U(0x33, "i64.load16_u", Immediate.MEMARG, "i>l", 2),
    I64_LOAD32_S(0x34, "i64.load32_s", Immediate.MEMARG, "i>l", 4),
    I64_LOAD32_U(0x35, "i64.load32_u", Immediate.MEMARG, "i>l", 4),
    I32_STORE(0x36, "i32.store", Immediate.MEMARG, "ii>", 4),
    I64_STORE(0x37, "i64.store", Immediate.MEMARG, "il>", 8),
    F32_STORE(0x38, "f32.store", Immediate.MEMARG, "if>", 4),
    F64_STORE(0x39, "f64.store", Immediate.MEMARG, "id>", 8),
    I32_STORE8(0x3A, "i32.store8", Immediate.MEMARG, "ii>", 1),
    I32_STORE16(0x3B, "i32.store16", Immediate.MEMARG, "ii>", 2),
    I64_STORE8(0x3C, "i64.store8", Immediate.MEMARG, "il>", 1),
    I64_STORE16(0x3D, "i64.store16", Immediate.MEMARG, "il>", 2),
    I64_STORE32(0x3E, "i64.store32", Immediate.MEMARG, "il>", 4),
    MEMORY_SIZE(0x3F, "memory.size", Immediate.MEMORY, ">i", 0),
    MEMORY_GROW(0x40, "memory.grow", Immediate.MEMORY, "i>i", 0),
    I32_CONST(0x41, "i32.const", Immediate.I32, ">i", 0),
    I64_CONST(0x42, "i64.const", Immediate.I64, ">l", 0),
    F32_CONST(0x43, "f32.const", Immediate.F32, ">f", 0),
    F64_CONST(0x44, "f64.const", Immediate.F64, ">d", 0),
    I32_EQZ(0x45, "i32.eqz", Immediate.NONE, "i>i", 0),
    I32_EQ(0x46, "i32.eq", Immediate.NONE, "ii>i", 0),
    I32_NE(0x47, "i32.ne", Immediate.NONE, "ii>i", 0),
    I32_LT_S(0x48, "i32.lt_s", Immediate.NONE, "ii>i", 0),
    I32_LT_U(0x49, "i32.lt_u", Immediate.NONE, "ii>i", 0),
    I32_GT_S(0x4A, "i32.gt_s", Immediate.NONE, "ii>i", 0),
    I32_GT_U(0x4B, "i32.gt_u", Immediate.NONE, "ii>i", 0),
    I32_LE_S(0x4C, "i32.le_s", Immediate.NONE, "ii>i", 0),
    I32_LE_U(0x4D, "i32.le_u", Immediate.NONE, "ii>i", 0),
    I32_GE_S(0x4E, "i32.ge_s", Immediate.NONE, "ii>i", 0),
    I32_GE_U(0x4F, "i32.ge_u", Immediate.NONE, "ii>i", 0),
    I64_EQZ(0x50, "i64.eqz", Immediate.NONE, "l>i", 0),
    I64_EQ(0x51, "i64.eq", Immediate.NONE, "ll>i", 0),
    I64_NE(0x52, "i64.ne", Immediate.NONE, "ll>i", 0),
    I64_LT_S(0x53, "i64.lt_s", Immediate.NONE, "ll>i", 0),
    I64_LT_U(0x54, "i64.lt_u", Immediate.NONE, "ll>i", 0),
    I64_GT_S(0x55, "i64.gt_s", Immediate.NONE, "ll>i", 0),
    I64_GT_U(0x56, "i64.gt_u", Immediate.NONE, "ll>i", 0),
    I64_LE_S(0x57, "i64.le_s", Immediate.NONE, "ll>i", 0),
    I64_LE_U(0x58, "i64.le_u", Immediate.NONE, "ll>i", 0),
    I64_GE_S(0x59, "i64.ge_s", Immediate.NONE, "ll>i", 0),
    I64_GE_U(0x5A, "i64.ge_u", Immediate.NONE, "ll>i", 0),
    F32_EQ(0x5B, "f32.eq", Immediate.NONE, "ff>i", 0),
    F32_NE(0x5C, "f32.ne", Immediate.NONE, "ff>i", 0),
    F32_LT(0x5D, "f32.lt", Immediate.NONE, "ff>i", 0),
    F32_GT(0x5E, "f32.gt", Immediate.NONE, "ff>i", 0),
    F32_LE(0x5F, "f32.le", Immediate.NONE, "ff>i", 0),
    F32_GE(0x60, "f32.ge", Immediate.NONE, "ff>i", 0),
    F64_EQ(0x61, "f64.eq", Immediate.NONE, "dd>i", 0),
    F64_NE(0x62, "f64.ne", Immediate.NONE, "dd>i", 0),
    F64_LT(0x63, "f64.lt", Immediate.NONE, "dd>i", 0),
    F64_GT(0x64, "f64.gt", Immediate.NONE, "dd>i", 0),
    F64_LE(0x65, "f64.le", Immediate.NONE, "dd>i", 0),
    F64_GE(0x66, "f64.ge", Immediate.NONE, "dd>i", 0),
    I32_CLZ(0x67, "i32.clz", Immediate.NONE, "i>i", 0),
    I32_CTZ(0x68, "i32.ctz", Immediate.NONE, "i>i", 0),
    I32_POPCNT(0x69, "i32.popcnt", Immediate.NONE, "i>i", 0),
    I32_ADD(0x6A, "i32.add", Immediate.NONE, "ii>i", 0),
    I32_SUB(0x6B, "i32.sub", Immediate.NONE, "ii>i", 0),
    I32_MUL(0x6C, "i32.mul", Immediate.NONE, "ii>i", 0),
    I32_DIV_S(0x6D, "i32.div_s", Immediate.NONE, "ii>i", 0),
    I32_DIV_U(0x6E, "i32.div_u", Immediate.NONE, "ii>i", 0),
    I32_REM_S(0x6F, "i32.rem_s", Immediate.NONE, "ii>i", 0),
    I32_REM_U(0x70, "i32.rem_u", Immediate.NONE, "ii>i", 0),
    I32_AND(0x71, "i32.and", Immediate.NONE, "ii>i", 0),
    I32_OR(0x72, "i32.or", Immediate.NONE, "ii>i", 0),
    I32_XOR(0x73, "i32.xor", Immediate.NONE, "ii>i", 0),
    I32_SHL(0x74, "i32.shl", Immediate.NONE, "ii>i", 0),
    I32_SHR_S(0x75, "i32.shr_s", Immediate.NONE, "ii>i", 0),
    I32_SHR_U(0x76, "i32.shr_u", Immediate.NONE, "ii>i", 0),
    I32_ROTL(0x77, "i32.rotl", Immediate.NONE, "ii>i", 0),
    I32_ROTR(0x78, "i32.rotr", Immediate.NONE, "ii>i", 0),
    I64_CLZ(0x79, "i64.clz", Immediate.NONE, "l>l", 0),
    I64_CTZ(0x7A, "i64.ctz", Immediate.NONE, "l>l", 0),
    I64_POPCNT(0x7B, "i64.popcnt", Immediate.NONE, "l>l", 0),
    I64_ADD(0x7C, "i64.add", Immediate.NONE, "ll>l", 0),
    I64_SUB(0x7D, "i64.sub", Immediate.NONE, "ll>l", 0),
    I64_MUL(0x7E, "i64.mul", Immediate.NONE, "ll>l", 0),
    I64_DIV_S(0x7F, "i64.div_s", Immediate.NONE, "ll>l", 0),
    I64_DIV_U(0x80, "i64.div_u", Immediate.NONE, "ll>l", 0),
    I64_REM_S(0x81, "i64.rem_s", Immediate.NONE, "ll>l", 0),
    I64_REM_U(0x82, "i64.rem_u", Immediate.NONE, "ll>l", 0),
    I64_AND(0x83, "i64.and", Immediate.NONE, "ll>l", 0),
    I64_OR(0x84, "i64.or", Immediate.NONE, "ll>l", 0),
    I64_XOR(0x85, "i64.xor", Immediate.NONE, "ll>l", 0),
    I64_SHL(0x86, "i64.shl", Immediate.NONE, "ll>l", 0),
    I64_SHR_S(0x87, "i64.shr_s", Immediate.NONE, "ll>l", 0),
    I64_SHR_U(0x88, "i64.shr_u", Immediate.NONE, "ll>l", 0),
    I64_ROTL(0x89, "i64.rotl", Immediate.NONE, "ll>l", 0),
    I64_ROTR(0x8A, "i64.rotr", Immediate.NONE, "ll>l", 0),
    F32_ABS(0x8B, "f32.abs", Immediate.NONE, "f>f", 0),
    F32_NEG(0x8C, "f32.neg", Immediate.NONE, "f>f", 0),
    F32_CEIL(0x8D, "f32.ceil", Immediate.NONE, "f>f", 0),
    F32_FLOOR(0x8E, "f32.floor", Immediate.NONE, "f>f", 0),
    F32_TRUNC(0x8F, "f32.trunc", Immediate.NONE, "f>f", 0),
    F32_NEAREST(0x90, "f32.nearest", Immediate.NONE, "f>f", 0),
    F32_SQRT(0x91, "f32.sqrt", Immediate.NONE, "f>f", 0),
    F32_ADD(0x92, "f32.add", Immediate.NONE, "ff>f", 0),
    F32_SUB(0x93, "f32.sub", Immediate.NONE, "ff>f", 0),
    F32_MUL(0x94, "f32.mul", Immediate.NONE, "ff>f", 0),
    F32_DIV(0x95, "f32.div", Immediate.NONE, "ff>f", 0),
    F32_MIN(0x96, "f32.min", Immediate.NONE, "ff>f", 0),
    F32_MAX(0x97, "f32.max", Immediate.NONE, "ff>f", 0),
    F32_COPYSIGN(0x98, "f32.copysign", Immediate.NONE, "ff>f", 0),
    F64_ABS(0x99, "f64.abs", Immediate.NONE, "d>d", 0),
    F64_NEG(0x9A, "f64.neg", Immediate.NONE, "d>d", 0),
    F64_CEIL(0x9B, "f64.ceil", Immediate.NONE, "d>d", 0),
    F64_FLOOR(0x9C, "f64.floor", Immediate.NONE, "d>d", 0),
    F64_TRUNC(0x9D, "f64.trunc", Immediate.NONE, "d>d", 0),
    F64_NEAREST(0x9E, "f64.nearest", Immediate.NONE, "d>d", 0),
    F64_SQRT(0x9F, "f64.sqrt", Immediate.NONE, "d>d", 0),
    F64_ADD(0xA0, "f64.add", Immediate.NONE, "dd>d", 0),
    F64_SUB(0xA1, "f64.sub", Immediate.NONE, "dd>d", 0),
    F64_MUL(0xA2, "f64.mul", Immediate.NONE, "dd>d", 0),
    F64_DIV(0xA3, "f64.div", Immediate.NONE, "dd>d", 0),
    F64_MIN(0xA4, "f64.min", Immediate.NONE, "dd>d", 0),
    F64_MAX(0xA5, "f64.max", Immediate.NONE, "dd>d", 0),
    F64_COPYSIGN(0xA6, "f64.copysign", Immediate.NONE, "dd>d", 0),
    I32_WRAP_I64(0xA7, "i32.wrap_i64", Immediate.NONE, "l>i", 0),
    I32_TRUNC_F32_S(0xA8, "i32.trunc_f32_s", Immediate.NONE, "f>i", 0),
    I32_TRUNC_F32_U(0xA9, "i32.trunc_f32_u", Immediate.NONE, "f>i", 0),
    I32_TRUNC_F64_S(0xAA, "i32.trunc_f64_s", Immediate.NONE, "d>i", 0),
    I32_TRUNC_F64_U(0xAB, "i32.trunc_f64_u", Immediate.NONE, "d>i", 0),
    I64_EXTEND_I32_S(0xAC, "i64.extend_i32_s", Immediate.NONE, "i>l", 0),
    I64_EXTEND_I32_U(0xAD, "i64.extend_i32_u", Immediate.NONE, "i>l", 0),
    I64_TRUNC_F32_S(0xAE, "i64.trunc_f32_s", Immediate.NONE, "f>l", 0),
    I64_TRUNC_F32_U(0xAF, "i64.trunc_f32_u", Immediate.NONE, "f>l", 0),
    I64_TRUNC_F64_S(0xB0, "i64.trunc_f64_s", Immediate.NONE, "d>l", 0),
    I64_TRUNC_F64_U(0xB1, "i64.trunc_f64_u", Immediate.NONE, "d>l", 0),
    F32_CONVERT_I32_S(0xB2, "f32.convert_i32_s", Immediate.NONE, "i>f", 0),
    F32_CONVERT_I32_U(0xB3, "f32.convert_i32_u", Immediate.NONE, "i>f", 0),
    F32_CONVERT_I64_S(0xB4, "f32.convert_i64_s", Immediate.NONE, "l>f", 0),
    F32_CONVERT_I64_U(0xB5, "f32.convert_i64_u", Immediate.NONE, "l>f", 0),
    F32_DEMOTE_F64(0xB6, "f32.demote_f64", Immediate.NONE, "d>f", 0),
    F64_CONVERT_I32_S(0xB7, "f64.convert_i32_s", Immediate.NONE, "i>d", 0),
    F64_CONVERT_I32_U(0xB8, "f64.convert_i32_u", Immediate.NONE, "i>d", 0),
    F64_CONVERT_I64_S(0xB9, "f64.convert_i64_s", Immediate.NONE, "l>d", 0),
    F64_CONVERT_I64_U(0xBA, "f64.convert_i64_u", Immediate.NONE, "l>d", 0),
    F64_PROMOTE_F32(0xBB, "f64.promote_f32", Immediate.NONE, "f>d", 0),
    I32_REINTERPRET_F32(0xBC, "i32.reinterpret_f32", Immediate.NONE, "f>i", 0),
    I64_REINTERPRET_F64(0xBD, "i64.reinterpret_f64", Immediate.NONE, "d>l", 0),
    F32_REINTERPRET_I32(0xBE, "f32.reinterpret_i32", Immediate.NONE, "i>f", 0),
    F64_REINTERPRET_I64(0xBF, "f64.reinterpret_i64", Immediate.NONE, "l>d", 0),
    I32_EXTEND8_S(0xC0, "i32.extend8_s", Immediate.NONE, "i>i", 0),
    I32_EXTEND16_S(0xC1, "i32.extend16_s", Immediate.NONE, "i>i", 0),
    I64_EXTEND8_S(0xC2, "i64.extend8_s", Immediate.NONE, "l>l", 0),
    I64_EXTEND16_S(0xC3, "i64.extend16_s", Immediate.NONE, "l>l", 0),
    I64_EXTEND32_S(0xC4, "i64.extend32_s", Immediate.NONE, "l>l", 0),
    REF_NULL(0xD0, "ref.null", Immediate.REF_TYPE, null, 0),
    REF_IS_NULL(0xD1, "ref.is_null", Immediate.NONE, null, 0),
    REF_FUNC(0xD2, "ref.func", Immediate.FUNCTION, null, 0),
    I32_TRUNC_SAT_F32_S(0xFC000, "i32.trunc_sat_f32_s", Immediate.NONE, "f>i", 0),
    I32_TRUNC_SAT_F32_U(0xFC001, "i32.trunc_sat_f32_u", Immediate.NONE, "f>i", 0),
    I32_TRUNC_SAT_F64_S(0xFC002, "i32.trunc_sat_f64_s", Immediate.NONE, "d>i", 0),
    I32_TRUNC_SAT_F64_U(0xFC003, "i32.trunc_sat_f64_u", Immediate.NONE, "d>i", 0),
    I64_TRUNC_SAT_F32_S(0xFC004, "i64.trunc_sat_f32_s", Immediate.NONE, "f>l", 0),
    I64_TRUNC_SAT_F32_U(0xFC005, "i64.trunc_sat_f32_u", Immediate.NONE, "f>l", 0),
    I64_TRUNC_SAT_F64_S(0xFC006, "i64.trunc_sat_f64_s", Immediate.NONE, "d>l", 0),
    I64_TRUNC_SAT_F64_U(0xFC007, "i64.trunc_sat_f64_u", Immediate.NONE, "d>l", 0),
    MEMORY_INIT(0xFC008, "memory.init", Immediate.MEMORY_INIT, "iii>", 0),
    DATA_DROP(0xFC009, "data.drop", Immediate.DATA, ">", 0),
    MEMORY_COPY(0xFC00A, "memory.copy", Immediate.MEMORY_COPY, "iii>", 0),
    MEMORY_FILL(0xFC00B, "memory.fill", Immediate.MEMORY, "iii>", 0),
    TABLE_INIT(0xFC00C, "table.init", Immediate.TABLE_INIT, null, 0),
    ELEM_DROP(0xFC00D, "elem.drop", Immediate.ELEMENT, ">", 0),
    TABLE_COPY(0xFC00E, "table.copy", Immediate.TABLE_COPY, null, 0),
    TABLE_GROW(0xFC00F, "table.grow", Immediate.TABLE, null, 0),
    TABLE_SIZE(0xFC010, "table.size", Immediate.TABLE, null, 0),
    TABLE_FILL(0xFC011, "table.fill", Immediate.TABLE, null, 0),
    V128_LOAD(0xFD000, "v128.load", Immediate.MEMARG, "i>v", 16),
    V128_LOAD8X8_S(0xFD001, "v128.load8x8_s", Immediate.MEMARG, "i>v", 8),
    V128_LOAD8X8_U(0xFD002, "v128.load8x8_u", Immediate.MEMARG, "i>v", 8),
    V128_LOAD16X4_S(0xFD003, "v128.load16x4_s", Immediate.MEMARG, "i>v", 8),
    V128_LOAD16X4_U(0xFD004, "v128.load16x4_u", Immediate.MEMARG, "i>v", 8),
    V128_LOAD32X2_S(0xFD005, "v128.load32x2_s", Immediate.MEMARG, "i>v", 8),
    V128_LOAD32X2_U(0xFD006, "v128.load32x2_u", Immediate.MEMARG, "i>v", 8),
    V128_LOAD8_SPLAT(0xFD007, "v128.load8_splat", Immediate.MEMARG, "i>v", 1),
    V128_LOAD16_SPLAT(0xFD008, "v128.load16_splat", Immediate.MEMARG, "i>v", 2),
    V128_LOAD32_SPLAT(0xFD009, "v128.load32_splat", Immediate.MEMARG, "i>v", 4),
    V128_LOAD64_SPLAT(0xFD00A, "v128.load64_splat", Immediate.MEMARG, "i>v", 8),
    V128_STORE(0xFD00B, "v128.store", Immediate.MEMARG, "iv>", 16),
    V128_CONST(0xFD00C, "v128.const", Immediate.V128, ">v", 0),
    I8X16_SHUFFLE(0xFD00D, "i8x16.shuffle", Immediate.SHUFFLE, "vv>v", 0),
    I8X16_SWIZZLE(0xFD00E, "i8x16.swizzle", Immediate.NONE, "vv>v", 0),
    I8X16_SPLAT(0xFD00F, "i8x16.splat", Immediate.NONE, "i>v", 0),
    I16X8_SPLAT(0xFD010, "i16x8.splat", Immediate.NONE, "i>v", 0),
    I32X4_SPLAT(0xFD011, "i32x4.splat", Immediate.NONE, "i>v", 0),
    I64X2_SPLAT(0xFD012, "i64x2.splat", Immediate.NONE, "l>v", 0),
    F32X4_SPLAT(0xFD013, "f32x4.splat", Immediate.NONE, "f>v", 0),
    F64X2_SPLAT(0xFD014, "f64x2.splat", Immediate.NONE, "d>v", 0),
    I8X16_EXTRACT_LANE_S(0xFD015, "i8x16.extract_lane_s", Immediate.LANE, "v>i", 0),
    I8X16_EXTRACT_LANE_U(0xFD016, "i8x16.extract_lane_u", Immediate.LANE, "v>i", 0),
    I8X16_REPLACE_LANE(0xFD017, "i8x16.replace_lane", Immediate.LANE, "vi>v", 0),
    I16X8_EXTRACT_LANE_S(0xFD018, "i16x8.extract_lane_s", Immediate.LANE, "v>i", 0),
    I16X8_EXTRACT_LANE_U(0xFD019, "i16x8.extract_lane_u", Immediate.LANE, "v>i", 0),
    I16X8_REPLACE_LANE(0xFD01A, "i16x8.replace_lane", Immediate.LANE, "vi>v", 0),
    I32X4_EXTRACT_LANE(0xFD01B, "i32x4.extract_lane", Immediate.LANE, "v>i", 0),
    I32X4_REPLACE_LANE(0xFD01C, "i32x4.replace_lane", Immediate.LANE, "vi>v", 0),
    I64X2_EXTRACT_LANE(0xFD01D, "i64x2.extract_lane", Immediate.LANE, "v>l", 0),
    I64X2_REPLACE_LANE(0xFD01E, "i64x2.replace_lane", Immediate.LANE, "vl>v", 0),
    F32X4_EXTRACT_LANE(0xFD01F, "f32x4.extract_lane", Immediate.LANE, "v>f", 0),
    F32X4_REPLACE_LANE(0xFD020, "f32x4.replace_lane", Immediate.LANE, "vf>v", 0),
    F64X2_EXTRACT_LANE(0xFD021, "f64x2.extract_lane", Immediate.LANE, "v>d", 0),
    F64X2_REPLACE_LANE(0xFD022, "f64x2.replace_lane", Immediate.LANE, "vd>v", 0),
    I8X16_EQ(0xFD023, "i8x16.eq", Immediate.NONE, "vv>v", 0),
    I8X16_NE(0xFD024, "i8x16.ne", Immediate.NONE, "vv>v", 0),
    I8X16_LT_S(0xFD025, "i8x16.lt_s", Immediate.NONE, "vv>v", 0),
    I8X16_LT_U(0xFD026, "i8x16.lt_u", Immediate.NONE, "vv>v", 0),
    I8X16_GT_S(0xFD027, "i8x16.gt_s", Immediate.NONE, "vv>v", 0),
    I8X16_GT_U(0xFD028, "i8x16.gt_u", Immediate.NONE, "vv>v", 0),
    I8X16_LE_S(0xFD029, "i8x16.le_s", Immediate.NONE, "vv>v", 0),
    I8X16_LE_U(0xFD02A, "i8x16.le_u", Immediate.NONE, "vv>v", 0),
    I8X16_GE_S(0xFD02B, "i8x16.ge_s", Immediate.NONE, "vv>v", 0),
    I8X16_GE_U(0xFD02C, "i8x16.ge_u", Immediate.NONE, "vv>v", 0),
    I16X8_EQ(0xFD02D, "i16x8.eq", Immediate.NONE, "vv>v", 0),
    I16X8_NE(0xFD02E, "i16x8.ne", Immediate.NONE, "vv>v", 0),
    I16X8_LT_S(0xFD02F, "i16x8.lt_s", Immediate.NONE, "vv>v", 0),
    I16X8_LT_U(0xFD030, "i16x8.lt_u", Immediate.NONE, "vv>v", 0),
    I16X8_GT_S(0xFD031, "i16x8.gt_s", Immediate.NONE, "vv>v", 0),
    I16X8_GT_U(0xFD032, "i16x8.gt_u", Immediate.NONE, "vv>v", 0),
    I16X8_LE_S(0xFD033, "i16x8.le_s", Immediate.NONE, "vv>v", 0),
    I16X8_LE_U(0xFD034, "i16x8.le_u", Immediate.NONE, "vv>v", 0),
    I16X8_GE_S(0xFD035, "i16x8.ge_s", Immediate.NONE, "vv>v", 0),
    I16X8_GE_U(0xFD036, "i16x8.ge_u", Immediate.NONE, "vv>v", 0),
    I32X4_EQ(0xFD037, "i32x4.eq", Immediate.NONE, "vv>v", 0),
    I32X4_NE(0xFD038, "i32x4.ne", Immediate.NONE, "vv>v", 0),
    I32X4_LT_S(0xFD039, "i32x4.lt_s", Immediate.NONE, "vv>v", 0),
    I32X4_LT_U(0xFD03A, "i32x4.lt_u", Immediate.NONE, "vv>v", 0),
    I32X4_GT_S(0xFD03B, "i32x4.gt_s", Immediate.NONE, "vv>v", 0),
    I32X4_GT_U(0xFD03C, "i32x4.gt_u", Immediate.NONE, "vv>v", 0),
    I32X4_LE_S(0xFD03D, "i32x4.le_s", Immediate.NONE, "vv>v", 0),
    I32X4_LE_U(0xFD03E, "i32x4.le_u", Immediate.NONE, "vv>v", 0),
    I32X4_GE_S(0xFD03F, "i32x4.ge_s", Immediate.NONE, "vv>v", 0),
    I32X4_GE_U(0xFD040, "i32x4.ge_u", Immediate.NONE, "vv>v", 0),
    F32X4_EQ(0xFD041, "f32x4.eq", Immediate.NONE, "vv>v", 0),
    F32X4_NE(0xFD042, "f32x4.ne", Immediate.NONE, "vv>v", 0),
    F32X4_LT(0xFD043, "f32x4.lt", Immediate.NONE, "vv>v", 0),
    F32X4_GT(0xFD044, "f32x4.gt", Immediate.NONE, "vv>v", 0),
    F32X4_LE(0xFD045, "f32x4.le", Immediate.NONE, "vv>v", 0),
    F32X4_GE(0xFD046, "f32x4.ge", Immediate.NONE, "vv>v", 0),
    F64X2_EQ(0xFD047, "f64x2.eq", Immediate.NONE, "vv>v", 0),
    F64X2_NE(0xFD048, "f64x2.ne", Immediate.NONE, "vv>v", 0),
    F64X2_LT(0xFD049, "f64x2.lt", Immediate.NONE, "vv>v", 0),
    F64X2_GT(0xFD04A, "f64x2.gt", Immediate.NONE, "vv>v", 0),
    F64X2_LE(0xFD04B, "f64x2.le", Immediate.NONE, "vv>v", 0),
    F64X2_GE(0xFD04C, "f64x2.ge", Immediate.NONE, "vv>v", 0),
    V128_NOT(0xFD04D, "v128.not", Immediate.NONE, "v>v", 0),
    V128_AND(0xFD04E, "v128.and", Immediate.NONE, "vv>v", 0),
    V128_ANDNOT(0xFD04F, "v128.andnot", Immediate.NONE, "vv>v", 0),
    V128_OR(0xFD050, "v128.or", Immediate.NONE, "vv>v", 0),
    V128_XOR(0xFD051, "v128.xor", Immediate.NONE, "vv>v", 0),
    V128_BITSELECT(0xFD052, "v128.bitselect", Immediate.NONE, "vvv>v", 0),
    V128_ANY_TRUE(0xFD053, "v128.any_true", Immediate.NONE, "v>i", 0),
    V128_LOAD8_LANE(0xFD054, "v128.load8_lane", Immediate.MEMARG_LANE, "iv>v", 1),
    V128_LOAD16_LANE(0xFD055, "v128.load16_lane", Immediate.MEMARG_LANE, "iv>v", 2),
    V128_LOAD32_LANE(0xFD056, "v128.load32_lane", Immediate.MEMARG_LANE, "iv>v", 4),
    V128_LOAD64_LANE(0xFD057, "v128.load64_lane", Immediate.MEMARG_LANE, "iv>v", 8),
    V128_STORE8_LANE(0xFD058, "v128.store8_lane", Immediate.MEMARG_LANE, "iv>", 1),
    V128_STORE16_LANE(0xFD059, "v128.store16_lane", Immediate.MEMARG_LANE, "iv>", 2),
    V128_STORE32_LANE(0xFD05A, "v128.store32_lane", Immediate.MEMARG_LANE, "iv>", 4),
    V128_STORE64_LANE(0xFD05B, "v128.store64_lane", Immediate.MEMARG_LANE, "iv>", 8),
    V128_LOAD32_ZERO(0xFD05C, "v128.load32_zero", Immediate.MEMARG, "i>v", 4),
    V128_LOAD64_ZERO(0xFD05D, "v128.load64_zero", Immediate.MEMARG, "i>v", 8),
    F32X4_DEMOTE_F64X2_ZERO(0xFD05E, "f32x4.demote_f64x2_zero", Immediate.NONE, "v>v", 0),
    F64X2_PROMOTE_LOW_F32X4(0xFD05F, "f64x2.promote_low_f32x4", Immediate.NONE, "v>v", 0),
    I8X16_ABS(0xFD060, "i8x16.abs", Immediate.NONE, "v>v", 0),
    I8X16_NEG(0xFD061, "i8x16.neg", Immediate.NONE, "v>v", 0),
    I8X16_POPCNT(0xFD062, "i8x16.popcnt", Immediate.NONE, "v>v", 0),
    I8X16_ALL_TRUE(0xFD063, "i8x16.all_true", Immediate.NONE, "v>i", 0),
    I8X16_BITMASK(0xFD064, "i8x16.bitmask", Immediate.NONE, "v>i", 0),
    I8X16_NARROW_I16X8_S(0xFD065, "i8x16.narrow_i16x8_s", Immediate.NONE, "vv>v", 0),
    I8X16_NARROW_I16X8_U(0xFD066, "i8x16.narrow_i16x8_u", Immediate.NONE, "vv>v", 0),
    F32X4_CEIL(0xFD067, "f32x4.ceil", Immediate.NONE, "v>v", 0),
    F32X4_FLOOR(0xFD068, "f32x4.floor", Immediate.NONE, "v>v", 0),
    F32X4_TRUNC(0xFD069, "f32x4.trunc", Immediate.NONE, "v>v", 0),
    F32X4_NEAREST(0xFD06A, "f32x4.nearest", Immediate.NONE, "v>v", 0),
    I8X16_SHL(0xFD06B, "i8x16.shl", Immediate.NONE, "vi>v", 0),
    I8X16_SHR_S(0xFD06C, "i8x16.shr_s", Immediate.NONE, "vi>v", 0),
    I8X16_SHR_U(0xFD06D, "i8x16.shr_u", Immediate.NONE, "vi>v", 0),
    I8X16_ADD(0xFD06E, "i8x16.add", Immediate.NONE, "vv>v", 0),
    I8X16_ADD_SAT_S(0xFD06F, "i8x16.add_sat_s", Immediate.NONE, "vv>v", 0),
    I8X16_ADD_SAT_U(0xFD070, "i8x16.add_sat_u", Immediate.NONE, "vv>v", 0),
    I8X16_SUB(0xFD071, "i8x16.sub", Immediate.NONE, "vv>v", 0),
    I8X16_SUB_SAT_S(0xFD072, "i8x16.sub_sat_s", Immediate.NONE, "vv>v", 0),
    I8X16_SUB_SAT_U(0xFD073, "i8x16.sub_sat_u", Immediate.NONE, "vv>v", 0),
    F64X2_CEIL(0xFD074, "f64x2.ceil", Immediate.NONE, "v>v", 0),
    F64X2_FLOOR(0xFD075, "f64x2.floor", Immediate.NONE, "v>v", 0),
    I8X16_MIN_S(0xFD076, "i8x16.min_s", Immediate.NONE, "vv>v", 0),
    I8X16_MIN_U(0xFD077, "i8x16.min_u", Immediate.NONE, "vv>v", 0),
    I8X16_MAX_S(0xFD078, "i8x16.max_s", Immediate.NONE, "vv>v", 0),
    I8X16_MAX_U(0xFD079, "i8x16.max_u", Immediate.NONE, "vv>v", 0),
    F64X2_TRUNC(0xFD07A, "f64x2.trunc", Immediate.NONE, "v>v", 0),
    I8X16_AVGR_U(0xFD07B, "i8x16.avgr_u", Immediate.NONE, "vv>v", 0),
    I16X8_EXTADD_PAIRWISE_I8X16_S(0xFD07C, "i16x8.extadd_pairwise_i8x16_s", Immediate.NONE, "v>v", 0),
    I16X8_EXTADD_PAIRWISE_I8X16_U(0xFD07D, "i16x8.extadd_pairwise_i8x16_u", Immediate.NONE, "v>v", 0),
    I32X4_EXTADD_PAIRWISE_I16X8_S(0xFD07E, "i32x4.extadd_pairwise_i16x8_s", Immediate.NONE, "v>v", 0),
    I32X4_EXTADD_PAIRWISE_I16X8_U(0xFD07F, "i32x4.extadd_pairwise_i16x8_u", Immediate.NONE, "v>v", 0),
    I16X8_ABS(0xFD080, "i16x8.abs", Immediate.NONE, "v>v", 0),
    I16X8_NEG(0xFD081, "i16x8.neg", Immediate.NONE, "v>v", 0),
    I16X8_Q15MULR_SAT_S(0xFD082, "i16x8.q15mulr_sat_s", Immediate.NONE, "vv>v", 0),
    I16X8_ALL_TRUE(0xFD083, "i16x8.all_true", Immediate.NONE, "v>i", 0),
    I16X8_BITMASK(0xFD084, "i16x8.bitmask", Immediate.NONE, "v>i", 0),
    I16X8_NARROW_I32X4_S(0xFD085, "i16x8.narrow_i32x4_s", Immediate.NONE, "vv>v", 0),
    I16X8_NARROW_I32X4_U(0xFD086, "i16x8.narrow_i32x4_u", Immediate.NONE, "vv>v", 0),
    I16X8_EXTEND_LOW_I8X16_S(0xFD087, "i16x8.extend_low_i8x16_s", Immediate.NONE, "v>v", 0),
    I16X8_EXTEND_HIGH_I8X16_S(0xFD088, "i16x8.extend_high_i8x16_s", Immediate.NONE, "v>v", 0),
    I16X8_EXTEND_LOW_I8X16_U(0xFD089, "i16x8.extend_low_i8x16_u", Immediate.NONE, "v>v", 0),
    I16X8_EXTEND_HIGH_I8X16_U(0xFD08A, "i16x8.extend_high_i8x16_u", Immediate.NONE, "v>v", 0),
    I16X8_SHL(0xFD08B, "i16x8.shl", Immediate.NONE, "vi>v", 0),
    I16X8_SHR_S(0xFD08C, "i16x8.shr_s", Immediate.NONE, "vi>v", 0),
    I16X8_SHR_U(0xFD08D, "i16x8.shr_u", Immediate.NONE, "vi>v", 0),
    I16X8_ADD(0xFD08E, "i16x8.add", Immediate.NONE, "vv>v", 0),
    I16X8_ADD_SAT_S(0xFD08F, "i16x8.add_sat_s", Immediate.NONE, "vv>v", 0),
    I16X8_ADD_SAT_U(0xFD090, "i16x8.add_sat_u", Immediate.NONE, "vv>v", 0),
    I16X8_SUB(0xFD091, "i16x8.sub", Immediate.NONE, "vv>v", 0),
    I16X8_SUB_SAT_S(0xFD092, "i16x8.sub_sat_s", Immediate.NONE, "vv>v", 0),
    I16X8_SUB_SAT_U(0xFD093, "i16x8.sub_sat_u", Immediate.NONE, "vv>v", 0),
    F64X2_NEAREST(0xFD094, "f64x2.nearest", Immediate.NONE, "v>v", 0),
    I16X8_MUL(0xFD095, "i16x8.mul", Immediate.NONE, "vv>v", 0),
    I16X8_MIN_S(0xFD096, "i16x8.min_s", Immediate.NONE, "vv>v", 0),
    I16X8_MIN_U(0xFD097, "i16x8.min_u", Immediate.NONE, "vv>v", 0),
    I16X8_MAX_S(0xFD098, "i16x8.max_s", Immediate.NONE, "vv>v", 0),
    I16X8_MAX_U(0xFD099, "i16x8.max_u", Immediate.NONE, "vv>v", 0),
    I16X8_AVGR_U(0xFD09B, "i16x8.avgr_u", Immediate.NONE, "vv>v", 0),
    I16X8_EXTMUL_LOW_I8X16_S(0xFD09C, "i16x8.extmul_low_i8x16_s", Immediate.NONE, "vv>v", 0),
    I16X8_EXTMUL_HIGH_I8X16_S(0xFD09D, "i16x8.extmul_high_i8x16_s", Immediate.NONE, "vv>v", 0),
    I16X8_EXTMUL_LOW_I8X16_U(0xFD09E, "i16x8.extmul_low_i8x16_u", Immediate.NONE, "vv>v", 0),
    I16X8_EXTMUL_HIGH_I8X16_U(0xFD09F, "i16x8.extmul_high_i8x16_u", Immediate.NONE, "vv>v", 0),
    I32X4_ABS(0xFD0A0, "i32x4.abs", Immediate.NONE, "v>v", 0),
    I32X4_NEG(0xFD0A1, "i32x4.neg", Immediate.NONE, "v>v", 0),
    I32X4_ALL_TRUE(0xFD0A3, "i32x4.all_true", Immediate.NONE, "v>i", 0),
    I32X4_BITMASK(0xFD0A4, "i32x4.bitmask", Immediate.NONE, "v>i", 0),
    I32X4_EXTEND_LOW_I16X8_S(0xFD0A7, "i32x4.extend_low_i16x8_s", Immediate.NONE, "v>v", 0),
    I32X4_EXTEND_HIGH_I16X8_S(0xFD0A8, "i32x4.extend_high_i16x8_s", Immediate.NONE, "v>v", 0),
    I32X4_EXTEND_LOW_I16X8_U(0xFD0A9, "i32x4.extend_low_i16x8_u", Immediate.NONE, "v>v", 0),
    I32X4_EXTEND_HIGH_I16X8_U(0xFD0AA, "i32x4.extend_high_i16x8_u", Immediate.NONE, "v>v", 0),
    I32X4_SHL(0xFD0AB, "i32x4.shl", Immediate.NONE, "vi>v", 0),
    I32X4_SHR_S(0xFD0AC, "i32x4.shr_s", Immediate.NONE, "vi>v", 0),
    I32X4_SHR_U(0xFD0AD, "i32x4.shr_u", Immediate.NONE, "vi>v", 0),
    I32X4_ADD(0xFD0AE, "i32x4.add", Immediate.NONE, "vv>v", 0),
    I32X4_SUB(0xFD0B1, "i32x4.sub", Immediate.NONE, "vv>v", 0),
    I32X4_MUL(0xFD0B5, "i32x4.mul", Immediate.NONE, "vv>v", 0),
    I32X4_MIN_S(0xFD0B6, "i32x4.min_s", Immediate.NONE, "vv>v", 0),
    I32X4_MIN_U(0xFD0B7, "i32x4.min_u", Immediate.NONE, "vv>v", 0),
    I32X4_MAX_S(0xFD0B8, "i32x4.max_s", Immediate.NONE, "vv>v", 0),
    I32X4_MAX_U(0xFD0B9, "i32x4.max_u", Immediate.NONE, "vv>v", 0),
    I32X4_DOT_I16X8_S(0xFD0BA, "i32x4.dot_i16x8_s", Immediate.NONE, "vv>v", 0),
    I32X4_EXTMUL_LOW_I16X8_S(0xFD0BC, "i32x4.extmul_low_i16x8_s", Immediate.NONE, "vv>v", 0),
    I32X4_EXTMUL_HIGH_I16X8_S(0xFD0BD, "i32x4.extmul_high_i16x8_s", Immediate.NONE, "vv>v", 0),
    I32X4_EXTMUL_LOW_I16X8_U(0xFD0BE, "i32x4.extmul_low_i16x8_u", Immediate.NONE, "vv>v", 0),
    I32X4_EXTMUL_HIGH_I16X8_U(0xFD0BF, "i32x4.extmul_high_i16x8_u", Immediate.NONE, "vv>v", 0),
    I64X2_ABS(0xFD0C0, "i64x2.abs", Immediate.NONE, "v>v", 0),
    I64X2_NEG(0xFD0C1, "i64x2.neg", Immediate.NONE, "v>v", 0),
    I64X2_ALL_TRUE(0xFD0C3, "i64x2.all_true", Immediate.NONE, "v>i", 0),
    I64X2_BITMASK(0xFD0C4, "i64x2.bitmask", Immediate.NONE, "v>i", 0),
    I64X2_EXTEND_LOW_I32X4_S(0xFD0C7, "i64x2.extend_low_i32x4_s", Immediate.NONE, "v>v", 0),
    I64X2_EXTEND_HIGH_I32X4_S(0xFD0C8, "i64x2.extend_high_i32x4_s", Immediate.NONE, "v>v", 0),
    I64X2_EXTEND_LOW_I32X4_U(0xFD0C9, "i64x2.extend_low_i32x4_u", Immediate.NONE, "v>v", 0),
    I64X2_EXTEND_HIGH_I32X4_U(0xFD0CA, "i64x2.extend_high_i32x4_u", Immediate.NONE, "v>v", 0),
    I64X2_SHL(0xFD0CB, "i64x2.shl", Immediate.NONE, "vi>v", 0),
    I64X2_SHR_S(0xFD0CC, "i64x2.shr_s", Immediate.NONE, "vi>v", 0),
    I64X2_SHR_U(0xFD0CD, "i64x2.shr_u", Immediate.NONE, "vi>v", 0),
    I64X2_ADD(0xFD0CE, "i64x2.add", Immediate.NONE, "vv>v", 0),
    I64X2_SUB(0xFD0D1, "i64x2.sub", Immediate.NONE, "vv>v", 0),
    I64X2_MUL(0xFD0D5, "i64x2.mul", Immediate.NONE, "vv>v", 0),
    I64X2_EQ(0xFD0D6, "i64x2.eq", Immediate.NONE, "vv>v", 0),
    I64X2_NE(0xFD0D7, "i64x2.ne", Immediate.NONE, "vv>v", 0),
    I64X2_LT_S(0xFD0D8, "i64x2.lt_s", Immediate.NONE, "vv>v", 0),
    I64X2_GT_S(0xFD0D9, "i64x2.gt_s", Immediate.NONE, "vv>v", 0),
    I64X2_LE_S(0xFD0DA, "i64x2.le_s", Immediate.NONE, "vv>v", 0),
    I64X2_GE_S(0xFD0DB, "i64x2.ge_s", Immediate.NONE, "vv>v", 0),
    I64X2_EXTMUL_LOW_I32X4_S(0xFD0DC, "i64x2.extmul_low_i32x4_s", Immediate.NONE, "vv>v", 0),
    I64X2_EXTMUL_HIGH_I32X4_S(0xFD0DD, "i64x2.extmul_high_i32x4_s", Immediate.NONE, "vv>v", 0),
    I64X2_EXTMUL_LOW_I32X4_U(0xFD0DE, "i64x2.extmul_low_i32x4_u", Immediate.NONE, "vv>v", 0),
    I64X2_EXTMUL_HIGH_I32X4_U(0xFD0DF, "i64x2.extmul_high_i32x4_u", Immediate.NONE, "vv>v", 0),
    F32X4_ABS(0xFD0E0, "f32x4.abs", Immediate.NONE, "v>v", 0),
    F32X4_NEG(0xFD0E1, "f32x4.neg", Immediate.NONE, "v>v", 0),
    F32X4_SQRT(0xFD0E3, "f32x4.sqrt", Immediate.NONE, "v>v", 0),
    F32X4_ADD(0xFD0E4, "f32x4.add", Immediate.NONE, "vv>v", 0),
    F32X4_SUB(0xFD0E5, "f32x4.sub", Immediate.NONE, "vv>v", 0),
    F32X4_MUL(0xFD0E6, "f32x4.mul", Immediate.NONE, "vv>v", 0),
    F32X4_DIV(0xFD0E7, "f32x4.div", Immediate.NONE, "vv>v", 0),
    F32X4_MIN(0xFD0E8, "f32x4.min", Immediate.NONE, "vv>v", 0),
    F32X4_MAX(0xFD0E9, "f32x4.max", Immediate.NONE, "vv>v", 0),
    F32X4_PMIN(0xFD0EA, "f32x4.pmin", Immediate.NONE, "vv>v", 0),
    F32X4_PMAX(0xFD0EB, "f32x4.pmax", Immediate.NONE, "vv>v", 0),
    F64X2_ABS(0xFD0EC, "f64x2.abs", Immediate.NONE, "v>v", 0),
    F64X2_NEG(0xFD0ED, "f64x2.neg", Immediate.NONE, "v>v", 0),
    F64X2_SQRT(0xFD0EF, "f64x2.sqrt", Immediate.NONE, "v>v", 0),
    F64X2_ADD(0xFD0F0, "f64x2.add", Immediate.NONE, "vv>v", 0),
    F64X2_SUB(0xFD0F1, "f64x2.sub", Immediate.NONE, "vv>v", 0),
    F64X2_MUL(0xFD0F2, "f64x2.mul", Immediate.NONE, "vv>v", 0),
    F64X2_DIV(0xFD0F3, "f64x2.div", Immediate.NONE, "vv>v", 0),
    F64X2_MIN(0xFD0F4, "f64x2.min", Immediate.NONE, "vv>v", 0),
    F64X2_MAX(0xFD0F5, "f64x2.max", Immediate.NONE, "vv>v", 0),
    F64X2_PMIN(0xFD0F6, "f64x2.pmin", Immediate.NONE, "vv>v", 0),
    F64X2_PMAX(0xFD0F7, "f64x2.pmax", Immediate.NONE, "vv>v", 0),
    I32X4_TRUNC_SAT_F32X4_S(0xFD0F8, "i32x4.trunc_sat_f32x4_s", Immediate.NONE, "v>v", 0),
    I32X4_TRUNC_SAT_F32X4_U(0xFD0F9, "i32x4.trunc_sat_f32x4_u", Immediate.NONE, "v>v", 0),
    F32X4_CONVERT_I32X4_S(0xFD0FA, "f32x4.convert_i32x4_s", Immediate.NONE, "v>v", 0),
    F32X4_CONVERT_I32X4_U(0xFD0FB, "f32x4.convert_i32x4_u", Immediate.NONE, "v>v", 0),
    I32X4_TRUNC_SAT_F64X2_S_ZERO(0xFD0FC, "i32x4.trunc_sat_f64x2_s_zero", Immediate.NONE, "v>v", 0),
    I32X4_TRUNC_SAT_F64X2_U_ZERO(0xFD0FD, "i32x4.trunc_sat_f64x2_u_zero", Immediate.NONE, "v>v", 0),
    F64X2_CONVERT_LOW_I32X4_S(0xFD0FE, "f64x2.convert_low_i32x4_s", Immediate.NONE, "v>v", 0),
    F64X2_CONVERT_LOW_I32X4_U(0xFD0FF, "f64x2.convert_low_i32x4_u", Immediate.NONE, "v>v", 0);

    /** The prefix byte of the miscellaneous (saturating truncation, bulk memory, table) group. */
    public static final int PREFIX_MISC = 0xFC;
    /** The prefix byte of the SIMD group. */
    public static final int PREFIX_SIMD = 0xFD;

    private static final Op[] SINGLE = new Op[256];
    private static final Op[] MISC = new Op[32];
    private static final Op[] SIMD = new Op[256];

    static {
        for (Op op : values()) {
            int code = op.code;
            switch (code >>> 12) {
                case 0 -> SINGLE[code] = op;
                case PREFIX_MISC -> MISC[code & 0xFFF] = op;
                case PREFIX_SIMD -> SIMD[code & 0xFFF] = op;
                default -> throw new AssertionError(op);
            }
        }
    }

    private final int code;
    private final String mnemonic;
    private final Immediate immediate;
    private final String signature;
    private final int accessBytes;

    Op(int code, String mnemonic, Immediate immediate, String signature, int accessBytes) {
        this.code = code;
        this.mnemonic = mnemonic;
        this.immediate = immediate;
        this.signature = signature;
        this.accessBytes = accessBytes;
    }

    /** The single-byte instruction with this opcode, or {@code null}. */
    public static Op single(int opcode) {
        return opcode >= 0 && opcode < SINGLE.length ? SINGLE[opcode] : null;
    }

    /** The {@code 0xFC}-prefixed instruction with this sub-opcode, or {@code null}. */
    public static Op misc(long subOpcode) {
        return subOpcode >= 0 && subOpcode < MISC.length ? MISC[(int) subOpcode] : null;
    }

    /** The {@code 0xFD}-prefixed (SIMD) instruction with this sub-opcode, or {@code null}. */
    public static Op simd(long subOpcode) {
        return subOpcode >= 0 && subOpcode < SIMD.length ? SIMD[(int) subOpcode] : null;
    }

    /** The opcode, with prefixed opcodes as {@code prefix << 12 | subOpcode}. */
    public int code() {
        return code;
    }

    /** The text-format name, for example {@code i32.add}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** What immediates follow the opcode. */
    public Immediate immediate() {
        return immediate;
    }

    /** The fixed typing ({@code "ii>i"} for i32.add), or {@code null}; see the class comment. */
    public String signature() {
        return signature;
    }

    /** The width of a load or store in bytes, 0 for other instructions. */
    public int accessBytes() {
        return accessBytes;
    }

    /** Whether this is a SIMD ({@code 0xFD}-prefixed) instruction. */
    public boolean isSimd() {
        return code >>> 12 == PREFIX_SIMD;
    }

    /** Number of lanes named by a SIMD mnemonic's shape prefix ({@code i8x16} → 16), else 0. */
    public int laneCount() {
        if (mnemonic.startsWith("i8x16")) {
            return 16;
        } else if (mnemonic.startsWith("i16x8")) {
            return 8;
        } else if (mnemonic.startsWith("i32x4") || mnemonic.startsWith("f32x4")) {
            return 4;
        } else if (mnemonic.startsWith("i64x2") || mnemonic.startsWith("f64x2")) {
            return 2;
        }
        return 0;
    }

    /** The value type denoted by a letter of {@link #signature()}. */
    public static ValueType signatureType(char letter) {
        return switch (letter) {
            case 'i' -> ValueType.I32;
            case 'l' -> ValueType.I64;
            case 'f' -> ValueType.F32;
            case 'd' -> ValueType.F64;
            case 'v' -> ValueType.V128;
            default -> throw new IllegalArgumentException("no value type letter: " + letter);
        };
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
