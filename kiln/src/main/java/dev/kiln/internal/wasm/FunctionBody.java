package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * The code of a defined function.
 *
 * @param offset byte offset of the body (its size field) in the module binary
 * @param locals the declared locals after the parameters, one entry per local
 * @param code the instructions, ending with the function's final {@code end}
 */
public record FunctionBody(int offset, ValueType[] locals, Instruction[] code) {}
