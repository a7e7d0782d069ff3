package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * An element segment. Function-index vectors of the binary format are normalized to
 * {@code ref.func} expressions, so every item is a constant expression.
 *
 * @param mode active, passive or declarative
 * @param tableIndex for an active segment, the table it initializes
 * @param offset for an active segment, the constant offset expression; else {@code null}
 * @param type the reference type of the items
 * @param items one constant expression per element, each ending in {@code end}
 */
public record ElementSegment(SegmentMode mode, int tableIndex, Instruction[] offset, ValueType type,
                             Instruction[][] items) {}
