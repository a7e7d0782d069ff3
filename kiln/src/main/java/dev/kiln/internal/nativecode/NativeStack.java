package dev.kiln.internal.nativecode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A stack that native code runs on: mapped by Kiln, never the Java thread's own stack.
 *
 * <pre>
 *   high addresses
 *   +-------------------------+ top (16-aligned): the outermost entry starts here
 *   |  frames, growing down   |
 *   |           |             |
 *   |           v             |
 *   +-------------------------+ bottom = low + GUARD + HEADROOM: prologues keep RSP - frame >= bottom
 *   |  headroom (64 KiB)      |   room for the stack-grow call itself, and for the frames the
 *   |                         |   kernel pushes when a signal arrives while native code runs here
 *   +-------------------------+ low + GUARD: lowest readable and writable byte
 *   |  guard page (PROT_NONE) |   defence in depth: an overrun faults instead of corrupting memory
 *   +-------------------------+ low (page-aligned)
 *   low addresses
 * </pre>
 *
 * <p>The pages are reserved with {@code MAP_NORESERVE}, so only the touched part costs memory.
 * The stack belongs to one execution context and is used by whichever thread owns that context
 * (so its arena is shared): Java reads and writes it only through {@link #segment()}, which is
 * bounds-checked.
 */
final class NativeStack implements AutoCloseable {

    static final long GUARD = Libc.PAGE_SIZE;
    static final long HEADROOM = 64 * 1024;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment writable;
    private final long usable;

    /** A stack with {@code usable} bytes between {@link #top()} and {@link #bottom()} (rounded up to pages). */
    NativeStack(long usable) {
        if (usable <= 0) {
            throw new IllegalArgumentException("stack size must be positive, was " + usable);
        }
        this.usable = Libc.roundUpToPage(usable);
        long length = GUARD + HEADROOM + this.usable;
        MemorySegment pages = Libc.map(length, Libc.PROT_READ | Libc.PROT_WRITE);
        try {
            Libc.protect(pages.asSlice(0, GUARD), Libc.PROT_NONE);
            MemorySegment owned = pages.reinterpret(arena, Libc::unmap);
            this.writable = owned.asSlice(GUARD);
        } catch (RuntimeException | Error e) {
            Libc.unmap(pages);
            arena.close();
            throw e;
        }
    }

    /** The readable, writable part: {@code [low + GUARD, top)}. */
    MemorySegment segment() {
        return writable;
    }

    /** One past the highest byte; 16-aligned. */
    long top() {
        return writable.address() + writable.byteSize();
    }

    /** The lowest RSP a function prologue may leave. */
    long bottom() {
        return writable.address() + HEADROOM;
    }

    /** {@code top() - bottom()}. */
    long usableSize() {
        return usable;
    }

    /** Whether {@code address} is inside the writable part, or is its {@link #top() top}. */
    boolean contains(long address) {
        return address >= writable.address() && address <= top();
    }

    /** The offset of {@code address} in {@link #segment()}; the caller has checked {@link #contains}. */
    long offset(long address) {
        return address - writable.address();
    }

    @Override
    public void close() {
        arena.close();
    }
}
