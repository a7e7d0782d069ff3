package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;

/**
 * What Java needs to call native functions of one signature: where the values go
 * ({@link CallLayout}) and the address of the signature's entry stub ({@link EntryStubs}). Get one from {@link CodeArena#entryStub}; keep it, since finding it
 * again costs a hash lookup of the signature.
 */
public final class EntryStub {

    /** The arena the stub's code belongs to: only its contexts may call the stub. */
    final CodeArena arena;
    final CallLayout layout;
    final long code;

    EntryStub(CodeArena arena, CallLayout layout, long code) {
        this.arena = arena;
        this.layout = layout;
        this.code = code;
    }

    /** The signature this stub calls. */
    public FunctionType type() {
        return layout.type;
    }
}
