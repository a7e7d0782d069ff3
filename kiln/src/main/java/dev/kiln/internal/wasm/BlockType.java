package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * The type of a {@code block}, {@code loop} or {@code if}: empty, a single result type, or an
 * index into the type section (multi-value).
 *
 * @param typeIndex the type index, or -1 when the block type is not an index
 * @param result the single result type, or {@code null} when empty or an index
 */
public record BlockType(int typeIndex, ValueType result) {

    /** {@code []-> []}. */
    public static final BlockType EMPTY = new BlockType(-1, null);

    /** A block type with one result and no parameters. */
    public static BlockType of(ValueType result) {
        return new BlockType(-1, result);
    }

    /** A block type given by a type index. */
    public static BlockType ofIndex(int typeIndex) {
        return new BlockType(typeIndex, null);
    }

    /** Whether the type is given by a type index. */
    public boolean isIndex() {
        return typeIndex >= 0;
    }

    @Override
    public String toString() {
        return isIndex() ? "(type " + typeIndex + ")" : result == null ? "[]" : "[" + result + "]";
    }
}
