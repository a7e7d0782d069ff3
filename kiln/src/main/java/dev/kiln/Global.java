package dev.kiln;

import dev.kiln.internal.runtime.GlobalInstance;
import dev.kiln.internal.runtime.Store;

/** A global variable, as seen from Java. Its value is a slot (see {@link ValueType}). */
public final class Global {

    private final GlobalInstance global;
    private final Store store;

    Global(GlobalInstance global, Store store) {
        this.global = global;
        this.store = store;
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
        return live().get();
    }

    /** The upper 64 bits of a v128 value (0 for other types). */
    public long getHigh() {
        return live().high();
    }

    /**
     * Sets the value (the low 64 bits for v128).
     *
     * @throws IllegalStateException if the global is immutable, or closed
     * @throws IllegalArgumentException if the global holds {@code funcref} and {@code value}
     *     is not a function reference of this global's runtime (nor 0)
     */
    public void set(long value) {
        if (!isMutable()) {
            throw new IllegalStateException("global is immutable");
        }
        if (type() == ValueType.FUNCREF) {
            store.function(value); // refuses forged, stale and foreign references
        }
        live().set(value);
    }

    /** The global, unless every instance using it has closed. */
    private GlobalInstance live() {
        if (global.isReleased()) {
            throw new IllegalStateException("the global is closed");
        }
        return global;
    }
}
