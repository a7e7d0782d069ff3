package dev.kiln.internal.wasm;

/**
 * An import. Exactly one of the type fields is meaningful, chosen by {@code kind}.
 *
 * @param module the module name
 * @param name the field name
 * @param kind what is imported
 * @param functionTypeIndex for a function: its type index; otherwise -1
 * @param table for a table: its type; otherwise {@code null}
 * @param memory for a memory: its type; otherwise {@code null}
 * @param global for a global: its type; otherwise {@code null}
 */
public record Import(String module, String name, ExternalKind kind, int functionTypeIndex,
                     TableType table, MemoryType memory, GlobalType global) {

    /** A function import. */
    public static Import function(String module, String name, int typeIndex) {
        return new Import(module, name, ExternalKind.FUNCTION, typeIndex, null, null, null);
    }

    /** A table import. */
    public static Import table(String module, String name, TableType type) {
        return new Import(module, name, ExternalKind.TABLE, -1, type, null, null);
    }

    /** A memory import. */
    public static Import memory(String module, String name, MemoryType type) {
        return new Import(module, name, ExternalKind.MEMORY, -1, null, type, null);
    }

    /** A global import. */
    public static Import global(String module, String name, GlobalType type) {
        return new Import(module, name, ExternalKind.GLOBAL, -1, null, null, type);
    }
}
