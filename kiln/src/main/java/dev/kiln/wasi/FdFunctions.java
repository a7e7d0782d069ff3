package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The {@code fd_*} calls: reading and writing (at the position or at an offset), seeking,
 * status and flags, rights, sizes and times, syncing, listing directories, closing and
 * renumbering, and the preopen queries. Every call checks the descriptor ({@link Errno#BADF}),
 * then its right ({@link Errno#NOTCAPABLE}; for {@code fd_read}/{@code fd_write}
 * {@link Errno#BADF}, as POSIX says for a descriptor not open for that), then the guest pointers
 * ({@link Errno#FAULT}), before doing anything.
 */
final class FdFunctions {

    private static final int FDSTAT_SIZE = 24;
    private static final int PRESTAT_SIZE = 8;
    private static final int WHENCE_CUR = 1;
    private static final int ADVICE_MAX = 5;

    private final FdTable fds;
    private final WasiClock clock;

    FdFunctions(FdTable fds, WasiClock clock) {
        this.fds = fds;
        this.clock = clock;
    }

    FdTable table() {
        return fds;
    }

    /**
     * {@code fd_write(fd, iovs, iovs_len, nwritten_ptr)}: gathers the buffers, in order, straight
     * from guest memory. Only a non-blocking socket may take fewer bytes than given; one that
     * takes none is {@link Errno#AGAIN}.
     */
    int write(GuestMemory memory, int fd, long iovs, long iovsLength, long writtenPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_WRITE, Errno.BADF);
        ByteBuffer[] buffers = new IovecArray(memory, iovs, iovsLength).checkedViews();
        memory.check(writtenPtr, 4);
        long total = IovecArray.remaining(buffers);
        long written = transfer(buffers, file::write);
        // The guest's libc already buffers; flushing each call keeps the output complete when
        // the program exits, traps or is killed, and costs what a native write(2) costs.
        file.flush();
        if (written == 0 && total > 0) {
            return Errno.AGAIN;
        }
        memory.writeInt(writtenPtr, (int) written);
        return Errno.SUCCESS;
    }

    /** {@code fd_pwrite(fd, iovs, iovs_len, offset, nwritten_ptr)}: as {@code fd_write}, at {@code offset}. */
    int pwrite(GuestMemory memory, int fd, long iovs, long iovsLength, long offset, long writtenPtr)
            throws IOException {
        OpenFile file = withRight(fd, Rights.FD_WRITE, Errno.BADF);
        ByteBuffer[] buffers = new IovecArray(memory, iovs, iovsLength).checkedViews();
        memory.check(writtenPtr, 4);
        checkOffset(offset, IovecArray.remaining(buffers));
        long written = transfer(buffers, sources -> file.pwrite(sources, offset));
        file.flush();
        memory.writeInt(writtenPtr, (int) written);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_read(fd, iovs, iovs_len, nread_ptr)}, scattered over the buffers in order, straight
     * into guest memory. A stream does one read of what is available, like {@code readv(2)} on a
     * pipe; a file fills the buffers up to its end. 0 bytes means end of input.
     */
    int read(GuestMemory memory, int fd, long iovs, long iovsLength, long readPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_READ, Errno.BADF);
        IovecArray iovecs = new IovecArray(memory, iovs, iovsLength);
        ByteBuffer[] buffers = iovecs.checkedViews();
        memory.check(readPtr, 4);
        long read = transfer(buffers, file::read);
        iovecs.commit(buffers);
        memory.writeInt(readPtr, (int) read);
        return Errno.SUCCESS;
    }

    /** {@code fd_pread(fd, iovs, iovs_len, offset, nread_ptr)}: as {@code fd_read}, at {@code offset}. */
    int pread(GuestMemory memory, int fd, long iovs, long iovsLength, long offset, long readPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_READ, Errno.BADF);
        IovecArray iovecs = new IovecArray(memory, iovs, iovsLength);
        ByteBuffer[] buffers = iovecs.checkedViews();
        memory.check(readPtr, 4);
        checkOffset(offset, 0);
        long read = transfer(buffers, targets -> file.pread(targets, offset));
        iovecs.commit(buffers);
        memory.writeInt(readPtr, (int) read);
        return Errno.SUCCESS;
    }

    /** {@code fd_close(fd)}: the descriptor is gone afterwards; a stdio Java stream stays open. */
    int close(int fd) throws IOException {
        fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    /** {@code fd_renumber(fd, to)}: {@code to} is closed and {@code fd} moves there; both must be open. */
    int renumber(int fd, int to) throws IOException {
        fds.renumber(fd, to);
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

    /** {@code fd_fdstat_set_flags(fd, flags)}: {@code APPEND}, {@code NONBLOCK} and the sync flags. */
    int fdstatSetFlags(int fd, int flags) {
        OpenFile file = withRight(fd, Rights.FD_FDSTAT_SET_FLAGS, Errno.NOTCAPABLE);
        if (flags >>> 16 != 0) {
            return Errno.INVAL; // fdflags is a u16
        }
        file.setFdFlags(flags);
        return Errno.SUCCESS;
    }

    /** {@code fd_fdstat_set_rights(fd, base, inheriting)}: rights can only be dropped. */
    int fdstatSetRights(int fd, long base, long inheriting) {
        fds.get(fd).setRights(base, inheriting);
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_get(fd, filestat_ptr)}. */
    int filestatGet(GuestMemory memory, int fd, long statPtr) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_FILESTAT_GET, Errno.NOTCAPABLE);
        memory.check(statPtr, Filestat.SIZE);
        file.filestat().write(memory, statPtr);
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_set_size(fd, size)}: truncates or extends with zeros; the position stays. */
    int filestatSetSize(int fd, long size) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_FILESTAT_SET_SIZE, Errno.NOTCAPABLE);
        if (size < 0) {
            return Errno.FBIG;
        }
        file.setSize(size);
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_set_times(fd, atim, mtim, fst_flags)}. */
    int filestatSetTimes(int fd, long atim, long mtim, int fstFlags) throws IOException {
        OpenFile file = withRight(fd, Rights.FD_FILESTAT_SET_TIMES, Errno.NOTCAPABLE);
        Filestat.checkTimeFlags(fstFlags);
        file.setTimes(atim, mtim, fstFlags, clock.time(WasiClockId.REALTIME));
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_seek(fd, offset, whence, newoffset_ptr)}. A stream or socket is {@link Errno#SPIPE} before
     * any rights check: it has no seek right (which is how {@code isatty} recognises it), and
     * {@code ESPIPE} is what the guest's libc expects there.
     */
    int seek(GuestMemory memory, int fd, long offset, int whence, long newOffsetPtr) throws IOException {
        OpenFile file = fds.get(fd);
        if (file.fileType() == FileType.CHARACTER_DEVICE || file.fileType() == FileType.SOCKET_STREAM) {
            throw new ErrnoException(Errno.SPIPE);
        }
        long right = offset == 0 && whence == WHENCE_CUR ? Rights.FD_TELL | Rights.FD_SEEK : Rights.FD_SEEK;
        if ((file.rightsBase() & right) == 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        memory.check(newOffsetPtr, 8);
        long position = file.seek(offset, whence);
        memory.writeLong(newOffsetPtr, position);
        return Errno.SUCCESS;
    }

    /** {@code fd_tell(fd, offset_ptr)}: a seek by 0 from the current position. */
    int tell(GuestMemory memory, int fd, long offsetPtr) throws IOException {
        return seek(memory, fd, 0, WHENCE_CUR, offsetPtr);
    }

    /** {@code fd_sync(fd)} and {@code fd_datasync(fd)}: {@code FileChannel.force}, metadata for {@code fd_sync}. */
    int sync(int fd, boolean metadata) throws IOException {
        withRight(fd, metadata ? Rights.FD_SYNC : Rights.FD_DATASYNC, Errno.NOTCAPABLE).sync(metadata);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_advise(fd, offset, len, advice)}: advice is only a hint and Java has no
     * {@code posix_fadvise}, so after checking the arguments nothing happens.
     */
    int advise(int fd, long offset, long length, int advice) {
        OpenFile file = withRight(fd, Rights.FD_ADVISE, Errno.NOTCAPABLE);
        if (file.fileType() == FileType.DIRECTORY) {
            return Errno.BADF;
        }
        if (advice < 0 || advice > ADVICE_MAX || offset < 0 || length < 0) {
            return Errno.INVAL;
        }
        return Errno.SUCCESS;
    }

    /** {@code fd_allocate(fd, offset, len)}: extends the file with zeros to at least {@code offset + len}. */
    int allocate(int fd, long offset, long length) throws IOException {
        withRight(fd, Rights.FD_ALLOCATE, Errno.NOTCAPABLE).allocate(offset, length);
        return Errno.SUCCESS;
    }

    /** {@code fd_readdir(fd, buf, buf_len, cookie, bufused_ptr)}, see {@link DirectoryFile#readdir}. */
    int readdir(GuestMemory memory, int fd, long buffer, long bufferLength, long cookie, long usedPtr)
            throws IOException {
        OpenFile file = withRight(fd, Rights.FD_READDIR, Errno.NOTCAPABLE);
        if (!(file instanceof DirectoryFile directory)) {
            return Errno.NOTDIR;
        }
        memory.check(buffer, bufferLength);
        memory.check(usedPtr, 4);
        memory.writeInt(usedPtr, directory.readdir(memory, buffer, bufferLength, cookie));
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_prestat_get(fd, prestat_ptr)}: {@code {u8 tag = 0 (dir); u32 pr_name_len}} for a
     * preopen, {@link Errno#BADF} for anything else. wasi-libc probes descriptors from 3 upwards
     * until it gets {@code BADF}.
     */
    int prestatGet(GuestMemory memory, int fd, long prestatPtr) {
        DirectoryFile preopen = preopen(fd);
        memory.check(prestatPtr, PRESTAT_SIZE);
        memory.write(prestatPtr, new byte[PRESTAT_SIZE], 0, PRESTAT_SIZE);
        memory.writeInt(prestatPtr + 4, name(preopen).length);
        return Errno.SUCCESS;
    }

    /**
     * {@code fd_prestat_dir_name(fd, path, path_len)}: the guest name, without a NUL;
     * {@link Errno#NAMETOOLONG} if {@code path_len} is too small for it.
     */
    int prestatDirName(GuestMemory memory, int fd, long path, long pathLength) {
        byte[] name = name(preopen(fd));
        memory.check(path, pathLength);
        if (pathLength < name.length) {
            return Errno.NAMETOOLONG;
        }
        memory.write(path, name, 0, name.length);
        return Errno.SUCCESS;
    }

    private DirectoryFile preopen(int fd) {
        if (fds.get(fd) instanceof DirectoryFile directory && directory.isPreopen()) {
            return directory;
        }
        throw new ErrnoException(Errno.BADF);
    }

    private static byte[] name(DirectoryFile preopen) {
        return preopen.sandbox().guestName().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The directory open as {@code fd} with {@code right}: {@link Errno#NOTDIR} for another kind
     * of file (before the rights check, as {@code openat(2)} on a file descriptor says).
     */
    DirectoryFile directory(int fd, long right) {
        if (!(fds.get(fd) instanceof DirectoryFile directory)) {
            throw new ErrnoException(Errno.NOTDIR);
        }
        if ((directory.rightsBase() & right) == 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        return directory;
    }

    private OpenFile withRight(int fd, long right, int missing) {
        OpenFile file = fds.get(fd);
        if ((file.rightsBase() & right) == 0) {
            throw new ErrnoException(missing);
        }
        return file;
    }

    /** A u64 offset plus a length must stay a valid file position. */
    private static void checkOffset(long offset, long length) {
        if (offset < 0 || offset + length < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
    }

    /** Moves bytes between a file and the guest's buffers; returns how many. */
    @FunctionalInterface
    interface Transfer {
        long run(ByteBuffer[] buffers) throws IOException;
    }

    /**
     * Runs {@code transfer} over the guest's buffers (views that start at position 0) and
     * returns the bytes it moved. If it fails after some moved, those are reported and the
     * failure is not (the next call meets it again), as POSIX {@code read}/{@code write} do, so
     * the guest never loses count of bytes that reached the file or its memory.
     */
    static long transfer(ByteBuffer[] buffers, Transfer transfer) throws IOException {
        try {
            return transfer.run(buffers);
        } catch (IOException | ErrnoException e) {
            long moved = IovecArray.moved(buffers);
            if (moved == 0) {
                throw e;
            }
            return moved;
        }
    }
}
