package dev.kiln.internal.compiler.amd64;

/**
 * A {@code call rel32} to code outside the assembled buffer, left for whoever places the code to
 * patch: once the code sits at address {@code base}, write the little-endian 32-bit value
 * {@code targetAddress - (base + offset + 4)} at {@code offset}.
 *
 * @param offset the offset of the rel32 field in the finished code
 * @param target what the caller passed to {@link Assembler#callExternal(Object)}
 */
public record Relocation(int offset, Object target) {
}
