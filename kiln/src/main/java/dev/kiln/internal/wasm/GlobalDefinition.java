package dev.kiln.internal.wasm;

/**
 * A global defined by the module.
 *
 * @param type its type
 * @param init its constant initializer expression, ending in {@code end}
 */
public record GlobalDefinition(GlobalType type, Instruction[] init) {}
