package dev.kiln.internal.compiler.amd64;

/**
 * An immediate operand. Its range is checked against the instruction's width when it is encoded:
 * most instructions take at most a sign-extended 32-bit immediate, only {@code mov} to a register
 * takes any 64-bit value.
 */
public record Imm(long value) implements Operand {

    public static Imm of(long value) {
        return new Imm(value);
    }

    /** Whether the value survives as a sign-extended imm8 (the short forms 0x83, 0x6B, 0x6A). */
    boolean fitsInt8() {
        return value == (byte) value;
    }

    /** Whether the value survives as a sign-extended imm32. */
    boolean fitsInt32() {
        return value == (int) value;
    }
}
