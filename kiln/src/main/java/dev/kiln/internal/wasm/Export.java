package dev.kiln.internal.wasm;

/**
 * An export.
 *
 * @param name the export name (unique within the module)
 * @param kind what is exported
 * @param index the index in the index space of {@code kind}
 */
public record Export(String name, ExternalKind kind, int index) {}
