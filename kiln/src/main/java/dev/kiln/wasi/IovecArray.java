package dev.kiln.wasi;

import java.nio.ByteBuffer;

/**
 * A guest array of {@code iovec} (or {@code ciovec}) structs: {@code {u32 buf; u32 buf_len}},
 * 8 bytes each. {@link #checkedViews()} validates everything before any I/O happens, so a bad
 * pointer fails the call with {@link Errno#FAULT} before it has read or written anything, and
 * then gives the buffers as views of the guest memory, which the host's channels read into and
 * write from directly.
 */
final class IovecArray {

    private static final int STRUCT_SIZE = 8;
    /** The most buffers one call takes: Linux's {@code IOV_MAX}, past which {@code readv} is {@code EINVAL}. */
    static final int MAX_BUFFERS = 1024;

    private final GuestMemory memory;
    private final long address;
    private final long count;
    /** Where {@link #checkedViews()}' buffers are in guest memory, read once before any I/O. */
    private long[] addresses;

    IovecArray(GuestMemory memory, long address, long count) {
        this.memory = memory;
        this.address = address;
        this.count = count;
    }

    private long buffer(long index) {
        return GuestMemory.u32(memory.readInt(address + index * STRUCT_SIZE));
    }

    private long length(long index) {
        return GuestMemory.u32(memory.readInt(address + index * STRUCT_SIZE + 4));
    }

    /**
     * The buffers as views of the guest memory, in order, after checking that the array and every
     * buffer lie inside the memory ({@link Errno#FAULT}) and that their total length fits the
     * guest's {@code ssize_t} ({@link Errno#INVAL}, as POSIX {@code readv}/{@code writev} do), as
     * does an array of more than {@value #MAX_BUFFERS}.
     */
    ByteBuffer[] checkedViews() {
        memory.check(address, count * STRUCT_SIZE);
        if (count > MAX_BUFFERS) {
            throw new ErrnoException(Errno.INVAL);
        }
        long total = 0;
        for (long i = 0; i < count; i++) {
            memory.check(buffer(i), length(i));
            total += length(i);
        }
        if (total > Integer.MAX_VALUE) {
            throw new ErrnoException(Errno.INVAL);
        }
        ByteBuffer[] views = new ByteBuffer[(int) count];
        addresses = new long[views.length];
        for (int i = 0; i < views.length; i++) {
            addresses[i] = buffer(i);
            views[i] = memory.view(addresses[i], (int) length(i));
        }
        return views;
    }

    /**
     * After a read into {@code views} (from {@link #checkedViews()}): makes the bytes read part
     * of guest memory where the views are copies (see {@link GuestMemory#view}). The addresses
     * are the ones read before the I/O, which may have overwritten the array itself.
     */
    void commit(ByteBuffer[] views) {
        for (int i = 0; i < views.length; i++) {
            memory.commit(addresses[i], views[i]);
        }
    }

    /** The bytes left to move in {@code buffers}. */
    static long remaining(ByteBuffer[] buffers) {
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        return remaining;
    }

    /** The bytes moved so far through views that started at position 0. */
    static long moved(ByteBuffer[] views) {
        long moved = 0;
        for (ByteBuffer view : views) {
            moved += view.position();
        }
        return moved;
    }

    /** Copies from {@code source} into {@code targets} in order, as much as both allow; returns how much. */
    static int copy(ByteBuffer source, ByteBuffer[] targets) {
        int copied = 0;
        for (ByteBuffer target : targets) {
            int n = Math.min(source.remaining(), target.remaining());
            target.put(target.position(), source, source.position(), n);
            target.position(target.position() + n);
            source.position(source.position() + n);
            copied += n;
        }
        return copied;
    }
}
