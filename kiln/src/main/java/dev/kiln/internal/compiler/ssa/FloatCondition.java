package dev.kiln.internal.compiler.ssa;

import java.util.Locale;

/**
 * The comparison of {@link Opcode#FCMP}, with WebAssembly's meaning: every condition but
 * {@link #NE} is false when either operand is NaN, {@code NE} is true.
 */
public enum FloatCondition {
    EQ, NE, LT, GT, LE, GE;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** The text-format suffix: {@code eq}, {@code lt}, ... */
    @Override
    public String toString() {
        return text;
    }
}
