package dev.kiln.internal.compiler.ssa;

import java.util.Locale;

/** The comparison of {@link Opcode#ICMP}: its text is the suffix, as in {@code icmp.lt_s}. */
public enum IntCondition {
    EQ, NE, LT_S, LT_U, GT_S, GT_U, LE_S, LE_U, GE_S, GE_U;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** The condition true exactly where this one is false: {@code lt_s} for {@code ge_s}. */
    public IntCondition negated() {
        return switch (this) {
            case EQ -> NE;
            case NE -> EQ;
            case LT_S -> GE_S;
            case LT_U -> GE_U;
            case GT_S -> LE_S;
            case GT_U -> LE_U;
            case LE_S -> GT_S;
            case LE_U -> GT_U;
            case GE_S -> LT_S;
            case GE_U -> LT_U;
        };
    }

    /** The text-format suffix: {@code eq}, {@code lt_s}, ... */
    @Override
    public String toString() {
        return text;
    }
}
