package dev.kiln.internal.nativecode;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Machine code installed by a {@link CodeArena}: read-only and executable, alive as long as the
 * arena.
 *
 * <pre>
 *   code.address()                      code.address() + length       page end
 *   │ machine code (length bytes)       │ zero fill up to the page end │
 * </pre>
 *
 * @param code the whole mapping, read-only from Java
 * @param length how many bytes of it are code
 */
public record CodeBlock(MemorySegment code, int length) {

    /**
     * The absolute address of byte {@code offset} of the code, for native code that jumps or
     * calls there.
     *
     * @throws IllegalStateException if the arena is closed
     */
    public long address(int offset) {
        checkOffset(offset);
        requireAlive();
        return code.address() + offset;
    }

    /**
     * A downcall handle entering the code at {@code offset} as a C function of type
     * {@code descriptor}. The handle keeps the arena alive while it runs, and throws
     * {@link IllegalStateException} once the arena is closed.
     */
    public MethodHandle downcall(int offset, FunctionDescriptor descriptor) {
        checkOffset(offset);
        return Linker.nativeLinker().downcallHandle(code.asSlice(offset), descriptor);
    }

    /** Throws {@link IllegalStateException} if the arena that owns this code is closed. */
    void requireAlive() {
        if (!code.scope().isAlive()) {
            throw new IllegalStateException("the code arena is closed");
        }
    }

    private void checkOffset(int offset) {
        if (offset < 0 || offset >= length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside code of " + length + " bytes");
        }
    }
}
