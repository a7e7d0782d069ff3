package dev.kiln.wasi;

/**
 * A guest array of {@code iovec} (or {@code ciovec}) structs: {@code {u32 buf; u32 buf_len}},
 * 8 bytes each. {@link #checkedTotalLength()} validates everything before any I/O happens, so a
 * bad pointer fails the call with {@link Errno#FAULT} before it has read or written anything.
 */
final class IovecArray {

    private static final int STRUCT_SIZE = 8;

    private final GuestMemory memory;
    private final long address;
    private final long count;

    IovecArray(GuestMemory memory, long address, long count) {
        this.memory = memory;
        this.address = address;
        this.count = count;
    }

    long count() {
        return count;
    }

    long buffer(long index) {
        return GuestMemory.u32(memory.readInt(address + index * STRUCT_SIZE));
    }

    long length(long index) {
        return GuestMemory.u32(memory.readInt(address + index * STRUCT_SIZE + 4));
    }

    /**
     * The sum of all buffer lengths, after checking that the array and every buffer lie inside
     * the memory ({@link Errno#FAULT}) and that the sum fits the guest's {@code ssize_t}
     * ({@link Errno#INVAL}, as POSIX {@code readv}/{@code writev} do).
     */
    long checkedTotalLength() {
        memory.check(address, count * STRUCT_SIZE);
        long total = 0;
        for (long i = 0; i < count; i++) {
            memory.check(buffer(i), length(i));
            total += length(i);
        }
        if (total > Integer.MAX_VALUE) {
            throw new ErrnoException(Errno.INVAL);
        }
        return total;
    }
}
