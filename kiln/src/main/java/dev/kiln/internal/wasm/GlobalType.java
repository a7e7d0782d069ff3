package dev.kiln.internal.wasm;

import dev.kiln.ValueType;

/**
 * A global's value type and mutability.
 *
 * @param type the value type
 * @param mutable whether {@code global.set} may change it
 */
public record GlobalType(ValueType type, boolean mutable) {

    @Override
    public String toString() {
        return mutable ? "(mut " + type + ")" : type.toString();
    }
}
