package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * A table: its element (reference) type and size limits.
 *
 * @param elementType {@code funcref} or {@code externref}
 * @param limits the size limits in elements
 */
public record TableType(ValueType elementType, Limits limits) {}
