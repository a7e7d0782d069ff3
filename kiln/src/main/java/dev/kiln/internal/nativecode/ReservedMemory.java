package dev.kiln.internal.nativecode;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A range of address space reserved once and committed from its start as it is needed: what a
 * linear memory lives in, so its base never moves when it grows.
 *
 * <pre>
 *   address                      address + committed                 address + reserved
 *   |  read/write (zeroed by the kernel)  |  PROT_NONE: committed on grow |
 * </pre>
 *
 * <p>The reservation is {@code PROT_NONE} and {@code MAP_NORESERVE}: it costs address space,
 * not RAM, and a committed page takes RAM only once it is touched. Nothing here hands out a
 * segment over the reservation itself: callers see the committed bytes only, through
 * {@link #view}, scoped to an arena they close before {@link #release()}, so Java code can
 * never touch a page that is not readable or no longer mapped.
 *
 * <p>Not thread-safe: its owner serializes {@link #commit} and {@link #release()}.
 */
public final class ReservedMemory {

    private final MemorySegment reservation;
    private long committed;
    private boolean released;

    private ReservedMemory(MemorySegment reservation) {
        this.reservation = reservation;
    }

    /**
     * Reserves {@code bytes} of address space (rounded up to whole pages, at least one).
     *
     * @throws NativeMemoryException when the kernel refuses (the address space is exhausted)
     * @throws IllegalStateException when this JVM cannot map memory ({@link NativeSupport#canMapMemory()})
     */
    public static ReservedMemory reserve(long bytes) {
        String problem = NativeSupport.platformProblem();
        if (problem != null) {
            throw new IllegalStateException("cannot map native memory: " + problem);
        }
        return new ReservedMemory(Libc.map(Math.max(Libc.PAGE_SIZE, Libc.roundUpToPage(bytes)), Libc.PROT_NONE));
    }

    /** The address of the first byte; it never changes. */
    public long address() {
        return reservation.address();
    }

    /** How many bytes were reserved. */
    public long reserved() {
        return reservation.byteSize();
    }

    /** How many bytes from the start are readable and writable. */
    public long committed() {
        return committed;
    }

    /**
     * Makes the first {@code bytes} readable and writable; bytes committed before keep their
     * contents and new ones read as zero.
     *
     * @return {@code false}, changing nothing, when the kernel refuses (out of memory)
     * @throws IllegalArgumentException when {@code bytes} is smaller than what is committed or
     *     larger than the reservation
     * @throws IllegalStateException after {@link #release()}
     */
    public boolean commit(long bytes) {
        checkLive();
        if (bytes < committed || bytes > reservation.byteSize()) {
            throw new IllegalArgumentException("cannot commit " + bytes + " bytes of a reservation of "
                    + reservation.byteSize() + " with " + committed + " committed");
        }
        long from = Libc.roundUpToPage(committed);
        long to = Libc.roundUpToPage(bytes);
        if (to > from) {
            try {
                Libc.protect(reservation.asSlice(from, to - from), Libc.PROT_READ | Libc.PROT_WRITE);
            } catch (NativeMemoryException e) {
                return false;
            }
        }
        committed = bytes;
        return true;
    }

    /**
     * The committed bytes as a segment of exactly {@link #committed()} bytes, alive as long as
     * {@code scope}: close the scope before {@link #release()}.
     */
    public MemorySegment view(Arena scope) {
        checkLive();
        return MemorySegment.ofAddress(reservation.address()).reinterpret(committed, scope, null);
    }

    /** Unmaps the whole reservation. Idempotent. */
    public void release() {
        if (!released) {
            released = true;
            Libc.unmap(reservation);
        }
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("the reserved memory was released");
        }
    }
}
