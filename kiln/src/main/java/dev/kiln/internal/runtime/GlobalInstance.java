package dev.kiln.internal.runtime;

import dev.kiln.internal.wasm.GlobalType;

/**
 * A global variable. {@code value} holds the slot form of the value (see {@link dev.kiln.ValueType});
 * {@code high} holds the upper 64 bits of a v128. Engines read and write the fields directly.
 */
public final class GlobalInstance {

    private final GlobalType type;
    public long value;
    public long high;

    public GlobalInstance(GlobalType type, long value, long high) {
        this.type = type;
        this.value = value;
        this.high = high;
    }

    public GlobalType type() {
        return type;
    }
}
