package dev.kiln.internal.compiler.ssa;

import java.util.Locale;

/**
 * The type of an SSA value. WebAssembly's references are not here: the frontend lowers a
 * {@code funcref} to the address of its native function record and an {@code externref} to the
 * host's handle, both {@link #I64}, because that is all compiled code ever does with them.
 * {@link #V128} is reserved for the SIMD issue: values may have it, no opcode produces it yet.
 */
public enum Type {
    I32, I64, F32, F64, V128;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** Whether this is {@link #I32} or {@link #I64}. */
    public boolean isInt() {
        return this == I32 || this == I64;
    }

    /** Whether this is {@link #F32} or {@link #F64}. */
    public boolean isFloat() {
        return this == F32 || this == F64;
    }

    /** The type named {@code text} in the text format, or {@code null}. */
    public static Type named(String text) {
        for (Type t : values()) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }

    /** The text-format name: {@code i32}, {@code f64}, ... */
    @Override
    public String toString() {
        return text;
    }
}
