package dev.kiln.internal.wasm;

/** When an element or data segment is applied. */
public enum SegmentMode {
    /** Copied into its table or memory at instantiation, then dropped. */
    ACTIVE,
    /** Used only by {@code table.init} / {@code memory.init}. */
    PASSIVE,
    /** Element segments only: declares functions for {@code ref.func}, dropped at once. */
    DECLARATIVE
}
