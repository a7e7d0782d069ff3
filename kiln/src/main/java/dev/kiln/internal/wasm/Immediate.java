package dev.kiln.internal.wasm;

/**
 * The immediates that follow an opcode, and where {@link Instruction} keeps them.
 *
 * <p>Indices are unsigned 32-bit in the binary format; an index above {@link Integer#MAX_VALUE}
 * is stored as {@link Integer#MAX_VALUE}, which no index space can reach, so validation rejects
 * it as unknown.
 */
public enum Immediate {
    /** No immediate. */
    NONE,
    /** {@code data}: the {@link BlockType}. */
    BLOCK_TYPE,
    /** {@code a}: the label depth. */
    LABEL,
    /** {@code data}: {@code int[]} of label depths, the default target last. */
    BR_TABLE,
    /** {@code a}: the function index. */
    FUNCTION,
    /** {@code a}: the type index; {@code b}: the table index. */
    CALL_INDIRECT,
    /** {@code data}: {@code ValueType[]} (valid only with exactly one type). */
    SELECT_TYPES,
    /** {@code a}: the local index. */
    LOCAL,
    /** {@code a}: the global index. */
    GLOBAL,
    /** {@code a}: the table index. */
    TABLE,
    /** {@code a}: the memory index. */
    MEMORY,
    /** {@code a}: log2 of the alignment; {@code c}: the unsigned 32-bit offset. */
    MEMARG,
    /** {@code a}: log2 of the alignment; {@code c}: the offset; {@code b}: the lane index. */
    MEMARG_LANE,
    /** {@code c}: the value, sign-extended. */
    I32,
    /** {@code c}: the value. */
    I64,
    /** {@code c}: the IEEE-754 bits, zero-extended. */
    F32,
    /** {@code c}: the IEEE-754 bits. */
    F64,
    /** {@code data}: {@code byte[16]}, little-endian. */
    V128,
    /** {@code data}: {@code byte[16]} of lane indices. */
    SHUFFLE,
    /** {@code a}: the lane index. */
    LANE,
    /** {@code data}: the {@link dev.kiln.ValueType} of the null reference. */
    REF_TYPE,
    /** {@code a}: the data segment index; {@code b}: the memory index. */
    MEMORY_INIT,
    /** {@code a}: the data segment index. */
    DATA,
    /** {@code a}: the destination memory; {@code b}: the source memory. */
    MEMORY_COPY,
    /** {@code a}: the element segment index; {@code b}: the table index. */
    TABLE_INIT,
    /** {@code a}: the element segment index. */
    ELEMENT,
    /** {@code a}: the destination table; {@code b}: the source table. */
    TABLE_COPY
}
