package dev.kiln.internal.nativecode;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The two shapes every downcall of the runtime has: one for Kiln's own code, one (capturing
 * {@code errno}) for the C library.
 *
 * <p>The JDK generates a class and a dozen lambda forms for each distinct descriptor and option
 * set the first time it links one, 4-7 ms each in a fresh JVM (and more when its class-file
 * code gets compiled meanwhile), but reuses them for every further handle of that shape,
 * whatever the address. With nine shapes, linking was a third of an empty program's run; with
 * two, the rest costs a bound handle each (bench/README.md, "WASI file I/O"). The only others
 * are {@link BulkMemory}'s two, linked when a program first copies or fills a large block.
 *
 * <p>Under the SysV ABI a callee ignores argument registers past its own parameters, and an
 * {@code int} parameter reads only the low half of its register; an {@code int} result leaves
 * the upper half of RAX undefined, so callers truncate it.
 */
final class Downcalls {

    /** {@code long f(long, long, long, long, long, long)}. */
    static final FunctionDescriptor SIX_LONGS = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG);

    private Downcalls() {}

    /**
     * A downcall of {@link #SIX_LONGS} to native code at {@code address}, bound to no arena: the
     * caller keeps the code mapped while it may run.
     */
    static MethodHandle toCode(long address) {
        return Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(address), SIX_LONGS);
    }

    /**
     * A downcall of {@link #SIX_LONGS} to the C library function {@code name}, whose first
     * argument is the segment that receives {@code errno} ({@link Linker.Option#captureStateLayout()}).
     */
    static MethodHandle toLibc(String name) {
        Linker linker = Linker.nativeLinker();
        return linker.downcallHandle(linker.defaultLookup().find(name).orElseThrow(), SIX_LONGS,
                Linker.Option.captureCallState("errno"));
    }
}
