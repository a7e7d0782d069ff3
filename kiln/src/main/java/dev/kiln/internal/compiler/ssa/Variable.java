package dev.kiln.internal.compiler.ssa;

/**
 * A mutable variable of the source program (a WebAssembly local) while a {@link Builder} turns
 * its definitions and uses into SSA values.
 *
 * @param index the variable's number in its builder
 * @param type the type of every value it holds
 */
public record Variable(int index, Type type) {}
