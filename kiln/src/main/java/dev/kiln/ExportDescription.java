package dev.kiln;

/**
 * One export of a {@link CompiledModule}.
 *
 * @param name the export name
 * @param kind what is exported
 * @param functionType for a function, its type; otherwise {@code null}
 */
public record ExportDescription(String name, ExternKind kind, FunctionType functionType) {}
