package dev.kiln.internal.wasm;

import java.util.Arrays;

/**
 * One decoded instruction. Which of {@code a}, {@code b}, {@code c} and {@code data} hold what
 * is given by {@link Op#immediate()}; see {@link Immediate}.
 *
 * @param op the instruction
 * @param offset the byte offset of the opcode in the module binary (for error messages)
 * @param a the first integer immediate
 * @param b the second integer immediate
 * @param c the 64-bit immediate (constants, memory offsets)
 * @param data the immediate that is an object (block type, branch table, bytes, types)
 */
public record Instruction(Op op, int offset, int a, int b, long c, Object data) {

    /** An instruction without immediates. */
    public static Instruction of(Op op, int offset) {
        return new Instruction(op, offset, 0, 0, 0, null);
    }

    /** The block type of {@code block}, {@code loop} and {@code if}. */
    public BlockType blockType() {
        return (BlockType) data;
    }

    /** The label depths of {@code br_table}, the default target last. */
    public int[] branchTable() {
        return (int[]) data;
    }

    /** The 16 bytes of {@code v128.const} or the lane indices of {@code i8x16.shuffle}. */
    public byte[] bytes() {
        return (byte[]) data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction i && op == i.op && offset == i.offset && a == i.a && b == i.b
                && c == i.c && Arrays.deepEquals(new Object[] {data}, new Object[] {i.data});
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {op, offset, a, b, c, data});
    }

    @Override
    public String toString() {
        return switch (op.immediate()) {
            case NONE -> op.mnemonic();
            case BLOCK_TYPE, REF_TYPE -> op.mnemonic() + " " + data;
            case BR_TABLE -> op.mnemonic() + " " + Arrays.toString(branchTable());
            case SELECT_TYPES -> op.mnemonic() + " " + Arrays.toString((Object[]) data);
            case V128, SHUFFLE -> op.mnemonic() + " " + Arrays.toString(bytes());
            case MEMARG -> op.mnemonic() + " align=" + a + " offset=" + c;
            case MEMARG_LANE -> op.mnemonic() + " align=" + a + " offset=" + c + " lane=" + b;
            case I32, I64, F32, F64 -> op.mnemonic() + " " + c;
            case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> op.mnemonic() + " " + a + " " + b;
            default -> op.mnemonic() + " " + a;
        };
    }
}
