package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * The condition codes of {@code jcc}, {@code setcc} and {@code cmovcc}. The ordinal is the cc
 * nibble of the opcode (0x70+cc, 0x0F 0x80+cc, 0x0F 0x90+cc, 0x0F 0x40+cc), and the names are
 * the ones objdump prints (B/AE/BE/A are the unsigned comparisons, L/GE/LE/G the signed ones).
 */
public enum Condition {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    private static final Condition[] VALUES = values();

    private final String suffix = name().toLowerCase(Locale.ROOT);

    /** The opposite condition. The encodings come in pairs that differ in bit 0. */
    public Condition negate() {
        return VALUES[ordinal() ^ 1];
    }

    /** The cc nibble. */
    public int code() {
        return ordinal();
    }

    /** The mnemonic suffix, e.g. {@code ae} in {@code jae}. */
    String suffix() {
        return suffix;
    }
}
