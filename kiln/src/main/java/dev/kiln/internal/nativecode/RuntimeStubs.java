package dev.kiln.internal.nativecode;

import java.lang.invoke.MethodHandle;

/**
 * The stubs that depend on no signature and no module: the entry thunks, the re-entry stub and
 * the stack-grow sequence, made once per JVM in a {@link CodeArena} that is never closed (a few
 * hundred bytes, unmapped when the process ends).
 *
 * <p>They are per JVM, not per arena, so the downcall handles can be {@code static final}
 * constants bound to their address: HotSpot then inlines the whole downcall into the caller,
 * which it does not for a handle that takes the target as an argument. Only code
 * belonging to other arenas changes, and an arena cannot close while a context that might run
 * its code is open (see {@link CodeArena}).
 *
 * <p>Every handle returns RAX as a {@code long}: {@link Exits#EXITED} after an exit, else the
 * register-form result (0 from a slot-form stub). All three have the one shape of
 * {@link Downcalls#toCode}, six {@code long} arguments, so that the JDK links it once: callers
 * pass 0 for the arguments a stub does not read.
 *
 * <p>Loaded on the first {@link ExecutionContext}, after {@link CodeArena#open()} has checked
 * that this JVM can run native code.
 */
final class RuntimeStubs {

    private static final CodeArena ARENA = CodeArena.open();
    private static final CodeBlock THUNK = ARENA.install(EntryStubs.emitThunk());
    private static final CodeBlock RECORD_THUNK = ARENA.install(EntryStubs.emitRecordThunk());
    private static final CodeBlock REENTRY_CODE = ARENA.install(EntryStubs.emitReentry());

    /** {@code long enter(long context, long entryStub, long target, long moduleContext, 0, 0)}: the slot form. */
    static final MethodHandle ENTER = Downcalls.toCode(THUNK.address(0));

    /**
     * {@code long enter(long context, long record, long p0, long p1, long p2, long p3)}: the
     * register form. Every arity shares it (a stub reads only its own parameters' registers), so a
     * call site has one downcall and no branch on the arity.
     */
    static final MethodHandle ENTER_REGISTERS = Downcalls.toCode(RECORD_THUNK.address(0));

    /** {@code long reenter(long context, 0, 0, 0, 0, 0)}. */
    static final MethodHandle REENTER = Downcalls.toCode(REENTRY_CODE.address(0));

    /** The stack-grow sequence's address, which every execution context holds for prologues to call. */
    static final long GROW_SEQUENCE = ARENA.install(StackGrowth.emitGrowSequence()).address(0);

    private RuntimeStubs() {}
}
