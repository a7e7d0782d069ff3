package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A regular file opened with {@code path_open}: its {@link FileIo} and the file's place in its
 * sandbox, which is looked up again (by the sandbox's rules) only for what an open file cannot
 * tell (times, the link count) and only used while it still leads to the same file. Append mode
 * is kept here rather than in the open file, because {@code fd_fdstat_set_flags} can switch it on
 * and off and Java cannot open a channel for reading and appending at once: a single guest thread
 * uses the file, so "seek to the end, then write" is as atomic as the guest can observe.
 */
final class RegularFile extends OpenFile {

    private static final int KNOWN_FLAGS = FdFlags.APPEND | FdFlags.DSYNC | FdFlags.NONBLOCK | FdFlags.RSYNC
            | FdFlags.SYNC;

    private final FileIo io;
    private final Sandbox sandbox;
    /** Where the file was opened, below the sandbox's root: never empty. */
    private final List<String> components;
    private final Filestat opened;
    private int fdFlags;

    /** @param opened the file's status when it was opened */
    RegularFile(FileIo io, Sandbox sandbox, List<String> components, Filestat opened, int fdFlags,
                long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting);
        this.io = io;
        this.sandbox = sandbox;
        this.components = List.copyOf(components);
        this.opened = opened;
        this.fdFlags = fdFlags;
    }

    @Override
    int fileType() {
        return FileType.REGULAR_FILE;
    }

    @Override
    int fdFlags() {
        return fdFlags;
    }

    @Override
    void setFdFlags(int flags) {
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        fdFlags = flags;
    }

    /** Fills the buffers up to the end of the file, one {@code readv} after another. */
    @Override
    long read(ByteBuffer[] targets) throws IOException {
        long total = 0;
        while (hasRemaining(targets)) {
            long n = io.read(targets);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    long write(ByteBuffer[] sources) throws IOException {
        if ((fdFlags & FdFlags.APPEND) != 0) {
            io.position(io.size());
        }
        long total = 0;
        while (hasRemaining(sources)) {
            total += io.write(sources);
        }
        return total;
    }

    @Override
    long pread(ByteBuffer[] targets, long offset) throws IOException {
        long total = 0;
        while (hasRemaining(targets)) {
            long n = io.read(targets, offset + total);
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /** Writes at {@code offset}, as POSIX says, even in append mode (Linux would append). */
    @Override
    long pwrite(ByteBuffer[] sources, long offset) throws IOException {
        long total = 0;
        while (hasRemaining(sources)) {
            total += io.write(sources, offset + total);
        }
        return total;
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        return IovecArray.remaining(buffers) > 0;
    }

    /** Honours the synchronous-write flags: the data (and for {@code SYNC} the metadata) reach the disk. */
    @Override
    void flush() throws IOException {
        if ((fdFlags & (FdFlags.SYNC | FdFlags.DSYNC | FdFlags.RSYNC)) != 0) {
            io.force((fdFlags & FdFlags.SYNC) != 0);
        }
    }

    @Override
    long seek(long offset, int whence) throws IOException {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> io.position();
            case 2 -> io.size();
            default -> throw new ErrnoException(Errno.INVAL);
        };
        long target = base + offset;
        if (offset > 0 && target < base) {
            throw new ErrnoException(Errno.OVERFLOW);
        }
        if (target < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        io.position(target);
        return target;
    }

    /**
     * The file's status: identity (device, inode) as when it was opened, size from the open file,
     * times and link count from its name while that still leads to this file (after a rename or
     * unlink, the times known at open).
     */
    @Override
    Filestat filestat() throws IOException {
        long size = io.size();
        Filestat now = atItsName();
        if (now == null || !isThisFile(now)) {
            return new Filestat(opened.dev(), opened.ino(), FileType.REGULAR_FILE, now == null ? 0 : opened.nlink(),
                    size, opened.atim(), opened.mtim(), opened.ctim());
        }
        return new Filestat(now.dev(), now.ino(), FileType.REGULAR_FILE, now.nlink(), size, now.atim(), now.mtim(),
                now.ctim());
    }

    @Override
    void setSize(long size) throws IOException {
        sandbox.checkWritable();
        if (size < 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        io.setSize(size);
    }

    @Override
    void setTimes(long atim, long mtim, int fstFlags, long now) throws IOException {
        Filestat.checkTimeFlags(fstFlags);
        sandbox.checkWritable();
        Sandbox.Resolved found = lookUp();
        if (!found.exists() || !isThisFile(found.stat())) {
            throw new ErrnoException(Errno.NOENT); // the name now belongs to another file, or none
        }
        sandbox.files().setTimes(found, atim, mtim, fstFlags, now);
    }

    /** The file's name looked up again, the last component not followed. */
    private Sandbox.Resolved lookUp() {
        return sandbox.resolve(components.subList(0, components.size() - 1), null, components.getLast(), false);
    }

    /** The status of what is at the file's name now, or {@code null} if nothing is (or its directory is gone). */
    private Filestat atItsName() {
        try {
            return lookUp().stat();
        } catch (ErrnoException gone) {
            return null;
        }
    }

    private boolean isThisFile(Filestat stat) {
        return stat.ino() == opened.ino() && stat.dev() == opened.dev();
    }

    @Override
    void allocate(long offset, long length) throws IOException {
        sandbox.checkWritable();
        if (offset < 0 || length <= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        long end = offset + length;
        if (end < 0) {
            throw new ErrnoException(Errno.FBIG);
        }
        if (end > io.size()) {
            io.setSize(end);
        }
    }

    @Override
    void sync(boolean metadata) throws IOException {
        io.force(metadata);
    }

    @Override
    long readable() throws IOException {
        return Math.max(0, io.size() - io.position());
    }

    @Override
    boolean writable() {
        return true;
    }

    @Override
    void close() throws IOException {
        io.close();
    }
}
