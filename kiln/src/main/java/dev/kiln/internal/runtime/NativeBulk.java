package dev.kiln.internal.runtime;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Large fills and copies of a memory's {@code byte[]} through the C library's {@code memset} and
 * {@code memmove}, called with the array pinned ({@link Linker.Option#critical(boolean)} with
 * heap access). Measured on the {@code memops_bulk} kernel, they move multi-megabyte ranges a
 * quarter to a third faster than {@link System#arraycopy} and {@link java.util.Arrays#fill}.
 *
 * <p>Only used when the {@code dev.kiln} module has native access (so Kiln never triggers the
 * JDK's restricted-method warning) and the C library has both functions; otherwise
 * {@link #AVAILABLE} is false and callers use the Java routines. The slices passed are
 * bounds-checked by {@link MemorySegment#asSlice}, so a wrong range is an exception, never a
 * stray write. The calls are short (megabytes, microseconds), which is what a critical
 * downcall, blocking GC while it runs, must be.
 */
final class NativeBulk {

    /** Below this many bytes the Java routines are as fast as a downcall. */
    static final int THRESHOLD = 4096;

    private static final MethodHandle MEMSET;
    private static final MethodHandle MEMMOVE;

    /** Whether {@link #fill} and {@link #move} may be called. */
    static final boolean AVAILABLE;

    static {
        MethodHandle memset = null;
        MethodHandle memmove = null;
        if (NativeBulk.class.getModule().isNativeAccessEnabled()) {
            try {
                Linker linker = Linker.nativeLinker();
                var libc = linker.defaultLookup();
                Linker.Option heap = Linker.Option.critical(true);
                memset = linker.downcallHandle(libc.find("memset").orElseThrow(), FunctionDescriptor.of(
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG), heap);
                memmove = linker.downcallHandle(libc.find("memmove").orElseThrow(), FunctionDescriptor.of(
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), heap);
            } catch (RuntimeException | LinkageError e) {
                memset = null;
                memmove = null;
            }
        }
        MEMSET = memset;
        MEMMOVE = memmove;
        AVAILABLE = memmove != null;
    }

    private NativeBulk() {}

    /** Sets {@code bytes[at, at + length)} to {@code value}. */
    static void fill(byte[] bytes, int at, byte value, int length) {
        try {
            MemorySegment ignored = (MemorySegment) MEMSET.invokeExact(
                    MemorySegment.ofArray(bytes).asSlice(at, length), (int) value, (long) length);
        } catch (Throwable t) {
            throw new IllegalStateException("memset failed", t);
        }
    }

    /** Copies {@code length} bytes from {@code source[from..]} to {@code target[to..]}; ranges may overlap. */
    static void move(byte[] target, int to, byte[] source, int from, int length) {
        try {
            MemorySegment ignored = (MemorySegment) MEMMOVE.invokeExact(
                    MemorySegment.ofArray(target).asSlice(to, length),
                    MemorySegment.ofArray(source).asSlice(from, length), (long) length);
        } catch (Throwable t) {
            throw new IllegalStateException("memmove failed", t);
        }
    }
}
