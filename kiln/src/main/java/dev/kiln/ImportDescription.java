package dev.kiln;

/**
 * One import of a {@link CompiledModule}.
 *
 * @param module the module name it is imported from
 * @param name the field name
 * @param kind what is imported
 */
public record ImportDescription(String module, String name, ExternKind kind) {}
