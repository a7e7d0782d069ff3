package dev.kiln.internal.compiler.ssa;

import java.util.Locale;

/** The comparison of {@link Opcode#ICMP}: its text is the suffix, as in {@code icmp.lt_s}. */
public enum IntCondition {
    EQ, NE, LT_S, LT_U, GT_S, GT_U, LE_S, LE_U, GE_S, GE_U;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** The text-format suffix: {@code eq}, {@code lt_s}, ... */
    @Override
    public String toString() {
        return text;
    }
}
