package dev.kiln;

import dev.kiln.internal.runtime.GlobalInstance;

/** A global variable, as seen from Java. Its value is a slot (see {@link ValueType}). */
public final class Global {

    private final GlobalInstance global;

    Global(GlobalInstance global) {
        this.global = global;
    }

    /** The value type. */
    public ValueType type() {
        return global.type().type();
    }

    /** Whether {@link #set} is allowed. */
    public boolean isMutable() {
        return global.type().mutable();
    }

    /** The value as a slot (the low 64 bits for v128). */
    public long get() {
        return global.value;
    }

    /** The upper 64 bits of a v128 value (0 for other types). */
    public long getHigh() {
        return global.high;
    }

    /**
     * Sets the value (the low 64 bits for v128).
     *
     * @throws IllegalStateException if the global is immutable
     */
    public void set(long value) {
        if (!isMutable()) {
            throw new IllegalStateException("global is immutable");
        }
        global.value = value;
    }
}
