package dev.kiln.internal.compiler.amd64;

/**
 * The operand size of an integer instruction. W16 costs an operand-size prefix (0x66), W64 a
 * REX.W bit, W8 a different opcode (usually the even one of a pair).
 */
public enum Width {
    W8(1, "BYTE PTR"),
    W16(2, "WORD PTR"),
    W32(4, "DWORD PTR"),
    W64(8, "QWORD PTR");

    private final int bytes;
    private final String ptr;

    Width(int bytes, String ptr) {
        this.bytes = bytes;
        this.ptr = ptr;
    }

    public int bytes() {
        return bytes;
    }

    public int bits() {
        return bytes * 8;
    }

    /** How objdump's Intel syntax names a memory operand of this size, e.g. {@code DWORD PTR}. */
    String ptr() {
        return ptr;
    }

    /** {@code value} truncated to this width, as an unsigned number (how objdump prints immediates). */
    long mask(long value) {
        return bytes == 8 ? value : value & ((1L << (bytes * 8)) - 1);
    }

    /** {@code value} truncated to this width and sign-extended back. */
    long signExtend(long value) {
        int shift = 64 - bytes * 8;
        return (value << shift) >> shift;
    }

    /**
     * Whether {@code value} can be an immediate of this width, read either as signed or as unsigned
     * (so both -1 and 0xff are valid W8 immediates). W64 immediates are sign-extended imm32s, the
     * only 64-bit immediate most instructions have.
     */
    boolean holdsImmediate(long value) {
        return switch (this) {
            case W8 -> value >= Byte.MIN_VALUE && value <= 0xffL;
            case W16 -> value >= Short.MIN_VALUE && value <= 0xffffL;
            case W32 -> value >= Integer.MIN_VALUE && value <= 0xffff_ffffL;
            case W64 -> value == (int) value;
        };
    }
}
