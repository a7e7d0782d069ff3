package dev.kiln.internal.wasm;

/** What an import or export refers to. */
public enum ExternalKind {
    /** A function. */
    FUNCTION,
    /** A table. */
    TABLE,
    /** A linear memory. */
    MEMORY,
    /** A global. */
    GLOBAL;

    /** The kind encoded by {@code code} in the binary format, or {@code null}. */
    public static ExternalKind fromCode(int code) {
        return code >= 0 && code < 4 ? values()[code] : null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
