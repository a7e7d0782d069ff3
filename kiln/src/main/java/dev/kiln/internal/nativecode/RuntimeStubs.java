package dev.kiln.internal.nativecode;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The stubs that depend on no signature and no module: the entry thunk, the re-entry stub and
 * the stack-grow sequence, made once per JVM in a {@link CodeArena} that is never closed (a few
 * hundred bytes, unmapped when the process ends).
 *
 * <p>They are per JVM, not per arena, so the downcall handles can be {@code static final}
 * constants bound to their address: HotSpot then inlines the whole downcall into the caller,
 * about 2 ns cheaper per call than a handle that takes the target as an argument. Only code
 * belonging to other arenas changes, and an arena cannot close while a context that might run
 * its code is open (see {@link CodeArena}).
 *
 * <p>Loaded on the first {@link ExecutionContext}, after {@link CodeArena#open()} has checked
 * that this JVM can run native code.
 */
final class RuntimeStubs {

    private static final CodeArena ARENA = CodeArena.open();
    private static final CodeBlock THUNK = ARENA.install(EntryStubs.emitThunk());
    private static final CodeBlock REENTRY_CODE = ARENA.install(EntryStubs.emitReentry());

    /** {@code int enter(long context, long entryStub, long target, long moduleContext)}. */
    static final MethodHandle ENTER = Linker.nativeLinker().downcallHandle(
            MemorySegment.ofAddress(THUNK.address(0)), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));

    /** {@code int reenter(long context)}. */
    static final MethodHandle REENTER = Linker.nativeLinker().downcallHandle(
            MemorySegment.ofAddress(REENTRY_CODE.address(0)), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG));

    /** The stack-grow sequence's address, which every execution context holds for prologues to call. */
    static final long GROW_SEQUENCE = ARENA.install(StackGrowth.emitGrowSequence()).address(0);

    private RuntimeStubs() {}
}
