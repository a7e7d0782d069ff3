package dev.kiln.internal.runtime;

import dev.kiln.TrapKind;

/**
 * A trap raised inside the runtime (memory, table and instantiation helpers). It carries no
 * Java stack trace: the engine that catches it turns it into a {@link dev.kiln.TrapException}
 * with the WebAssembly stack trace, which is the one users need.
 */
public final class Trap extends RuntimeException {

    private final TrapKind kind;

    public Trap(TrapKind kind) {
        super(kind.message(), null, false, false);
        this.kind = kind;
    }

    public TrapKind kind() {
        return kind;
    }
}
