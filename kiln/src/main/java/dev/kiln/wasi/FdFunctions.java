package dev.kiln.wasi;

import java.io.IOException;

/**
 * The {@code fd_*} calls that work on the descriptors there are so far (stdin, stdout and
 * stderr): reading, writing, closing, {@code fd_fdstat_get}, seeking and the preopen queries.
 */
final class FdFunctions {

    /** The most bytes moved between the guest and a stream per step; bounds the copy buffer. */
    private static final int CHUNK = 64 * 1024;
    private static final int FDSTAT_SIZE = 24;
    private static final int WHENCE_CUR = 1;

    private final FdTable fds;

    FdFunctions(FdTable fds) {
        this.fds = fds;
    }

    /** {@code fd_write(fd, iovs, iovs_len, nwritten_ptr)}: gathers the buffers, in order. */
    int write(GuestMemory memory, int fd, long iovs, long iovsLength, long writtenPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_WRITE);
        IovecArray buffers = new IovecArray(memory, iovs, iovsLength);
        long total = buffers.checkedTotalLength();
        memory.check(writtenPtr, 4);
        byte[] chunk = new byte[(int) Math.min(total, CHUNK)];
        for (long i = 0; i < buffers.count(); i++) {
            copy(memory, buffers.buffer(i), buffers.length(i), file, chunk);
        }
        // The guest's libc already buffers; flushing each call keeps the output complete when
        // the program exits, traps or is killed, and costs what a native write(2) costs.
        file.flush();
        memory.writeInt(writtenPtr, (int) total);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_read(fd, iovs, iovs_len, nread_ptr)}: one read of what is available (at most
     * {@value #CHUNK} bytes), scattered over the buffers in order. 0 bytes read means end of input.
     */
    int read(GuestMemory memory, int fd, long iovs, long iovsLength, long readPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_READ);
        IovecArray buffers = new IovecArray(memory, iovs, iovsLength);
        long total = buffers.checkedTotalLength();
        memory.check(readPtr, 4);
        byte[] data = new byte[(int) Math.min(total, CHUNK)];
        int read = data.length == 0 ? 0 : file.read(data, data.length);
        int scattered = 0;
        for (long i = 0; i < buffers.count() && scattered < read; i++) {
            int n = (int) Math.min(buffers.length(i), read - scattered);
            memory.write(buffers.buffer(i), data, scattered, n);
            scattered += n;
        }
        memory.writeInt(readPtr, read);
        return Errno.SUCCESS;
    }

    /** {@code fd_close(fd)}: the descriptor is gone afterwards; the Java stream stays open. */
    int close(int fd) throws IOException {
        fds.remove(fd).flush();
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_get(fd, fdstat_ptr)}: {@code {u8 filetype; u16 flags; u64 rights_base; u64 rights_inheriting}}. */
    int fdstatGet(GuestMemory memory, int fd, long statPtr) {
        OpenFile file = fds.get(fd);
        memory.check(statPtr, FDSTAT_SIZE);
        memory.write(statPtr, new byte[FDSTAT_SIZE], 0, FDSTAT_SIZE); // zero the padding
        memory.writeByte(statPtr, file.fileType());
        memory.writeShort(statPtr + 2, file.fdFlags());
        memory.writeLong(statPtr + 8, file.rightsBase());
        memory.writeLong(statPtr + 16, file.rightsInheriting());
        return Errno.SUCCESS;
    }

    /** {@code fd_seek(fd, offset, whence, newoffset_ptr)}. */
    int seek(GuestMemory memory, int fd, long offset, int whence, long newOffsetPtr) throws IOException {
        OpenFile file = fds.get(fd);
        memory.check(newOffsetPtr, 8);
        long position = file.seek(offset, whence);
        memory.writeLong(newOffsetPtr, position);
        return Errno.SUCCESS;
    }

    /** {@code fd_tell(fd, offset_ptr)}: a seek by 0 from the current position. */
    int tell(GuestMemory memory, int fd, long offsetPtr) throws IOException {
        return seek(memory, fd, 0, WHENCE_CUR, offsetPtr);
    }

    /**
     * {@code fd_prestat_get} and {@code fd_prestat_dir_name}: {@link Errno#BADF} for every
     * descriptor, since none is a preopened directory yet. wasi-libc probes descriptors from 3
     * upwards until it gets {@code BADF}, so this also ends its preopen scan.
     */
    int prestat() {
        return Errno.BADF;
    }

    /** Writes guest bytes {@code [address, address + length)} to {@code file}, a chunk at a time. */
    private static void copy(GuestMemory memory, long address, long length, OpenFile file, byte[] chunk)
            throws IOException {
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(length - done, chunk.length);
            memory.read(address + done, chunk, 0, n);
            file.write(chunk, n);
            done += n;
        }
    }

    private OpenFile withRight(int fd, long right) {
        OpenFile file = fds.get(fd);
        if ((file.rightsBase() & right) == 0) {
            throw new ErrnoException(Errno.BADF);
        }
        return file;
    }
}
