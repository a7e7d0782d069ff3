package dev.kiln.internal.runtime;

import dev.kiln.internal.nativecode.ReservedMemory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A memory in native address space reserved for its whole effective maximum plus a guard
 * ({@link ReservedMemory}): growing commits pages in place, so the base never moves, nothing is
 * copied, and a 4 GiB memory costs address space until its pages are touched.
 *
 * <p>The segments handed out and the descriptor belong to one shared arena, closed before the
 * reservation is unmapped: a thread still holding a segment then gets an exception, and closing
 * the arena while another thread is inside an access fails instead of unmapping under it.
 */
final class MappedStorage implements MemoryStorage {

    /**
     * Address space past the effective maximum that is never committed, so an access running off
     * the end of the largest memory faults instead of reaching whatever is mapped next.
     */
    static final long GUARD_BYTES = MemoryInstance.PAGE_SIZE;

    private final Arena scope = Arena.ofShared();
    private final ReservedMemory reservation;
    private final MemorySegment descriptor;

    MappedStorage(int maxPages) {
        this.reservation = ReservedMemory.reserve(maxPages * (long) MemoryInstance.PAGE_SIZE + GUARD_BYTES);
        this.descriptor = scope.allocate(MemoryDescriptor.SIZE, 8);
        MemoryDescriptor.init(descriptor, reservation.address(), maxPages);
    }

    @Override
    public MemorySegment resize(long bytes) {
        if (!reservation.commit(bytes)) {
            return null;
        }
        MemoryDescriptor.setLength(descriptor, bytes);
        return reservation.view(scope);
    }

    @Override
    public MemorySegment descriptor() {
        return descriptor;
    }

    @Override
    public void release() {
        scope.close();
        reservation.release();
    }
}
