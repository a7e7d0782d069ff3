package dev.kiln.internal.wasm;

/**
 * A custom section kept as bytes.
 *
 * @param name the section name
 * @param offset byte offset of the section contents in the module binary
 * @param contents the bytes after the name
 */
public record CustomSection(String name, int offset, byte[] contents) {}
