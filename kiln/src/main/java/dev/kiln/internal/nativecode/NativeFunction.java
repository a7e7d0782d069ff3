package dev.kiln.internal.nativecode;

/**
 * A native function of a {@link CodeArena} that Java calls through the register form of its
 * signature ({@link ExecutionContext#callRegisters}). What the call needs besides the parameters
 * sits in a small native record, so a single downcall argument carries all of it:
 *
 * <pre>
 *   record (24 bytes of the code arena's memory, written once when the function is made)
 *   +0   the signature's register-form entry stub   the entry thunk jumps here: jmp [rsi]
 *   +8   target: the function's code                the stub calls it
 *   +16  module context                             the stub puts it in RBX
 * </pre>
 *
 * <p>Make one with {@link CodeArena#function}; it lives as long as its arena.
 */
public final class NativeFunction {

    static final int RECORD_STUB = 0;
    static final int RECORD_TARGET = 8;
    static final int RECORD_MODULE_CONTEXT = 16;
    static final int RECORD_SIZE = 24;

    final CodeArena arena;
    /** The record's address. */
    final long record;

    NativeFunction(CodeArena arena, long record) {
        this.arena = arena;
        this.record = record;
    }
}
