package dev.kiln;

/** What an import or export refers to. */
public enum ExternKind {
    /** A function. */
    FUNCTION,
    /** A table. */
    TABLE,
    /** A linear memory. */
    MEMORY,
    /** A global. */
    GLOBAL
}
