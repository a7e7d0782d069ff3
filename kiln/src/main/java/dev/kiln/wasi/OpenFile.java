package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * What a WASI file descriptor refers to, with the descriptor's rights. Operations a kind of file
 * does not support fail with an {@link ErrnoException} carrying the POSIX-like errno (for example
 * {@link Errno#BADF} for writing to an input stream, {@link Errno#SPIPE} for seeking a stream).
 * The caller ({@link FdFunctions}) has already checked the right an operation needs.
 */
abstract class OpenFile {

    private long rightsBase;
    private long rightsInheriting;

    OpenFile(long rightsBase, long rightsInheriting) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }

    /** The preview1 {@code filetype}, see {@link FileType}. */
    abstract int fileType();

    /** The preview1 {@code fdflags}. */
    int fdFlags() {
        return 0;
    }

    /** {@code fd_fdstat_set_flags}: streams keep none, so only 0 is accepted. */
    void setFdFlags(int flags) {
        if (flags != 0) {
            throw new ErrnoException(Errno.NOTSUP);
        }
    }

    /** The operations allowed on this descriptor, see {@link Rights}. */
    final long rightsBase() {
        return rightsBase;
    }

    /** The rights descriptors opened through this one may have. */
    final long rightsInheriting() {
        return rightsInheriting;
    }

    /**
     * {@code fd_fdstat_set_rights}: rights can only be dropped; asking for one the descriptor
     * does not have is {@link Errno#NOTCAPABLE}.
     */
    final void setRights(long base, long inheriting) {
        if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        rightsBase = base;
        rightsInheriting = inheriting;
    }

    /**
     * Reads into {@code targets} in order at the current position, advancing their positions,
     * and returns how many bytes were read, 0 at end of input. Streams block until at least one
     * byte is available and return what one read gives; files fill the buffers up to their end.
     */
    long read(ByteBuffer[] targets) throws IOException {
        throw new ErrnoException(Errno.BADF);
    }

    /**
     * Writes what remains of {@code sources}, in order, at the current position (or the end, in
     * append mode), advancing their positions, and returns how many bytes were taken: all of
     * them, except on a non-blocking socket, which takes what fits now (0 if nothing does).
     */
    long write(ByteBuffer[] sources) throws IOException {
        throw new ErrnoException(Errno.BADF);
    }

    /** {@code fd_pread}: as {@link #read}, at {@code offset}, without moving the position. */
    long pread(ByteBuffer[] targets, long offset) throws IOException {
        throw new ErrnoException(Errno.SPIPE);
    }

    /** {@code fd_pwrite}: as {@link #write}, at {@code offset}, without moving the position. */
    long pwrite(ByteBuffer[] sources, long offset) throws IOException {
        throw new ErrnoException(Errno.SPIPE);
    }

    /** Makes written bytes visible to whoever reads the other end. */
    void flush() throws IOException {}

    /** {@code fd_seek}: moves the file offset and returns the new one. */
    long seek(long offset, int whence) throws IOException {
        throw new ErrnoException(Errno.SPIPE);
    }

    /** {@code fd_filestat_get}. */
    abstract Filestat filestat() throws IOException;

    /** {@code fd_filestat_set_size}. */
    void setSize(long size) throws IOException {
        throw new ErrnoException(Errno.INVAL);
    }

    /** {@code fd_filestat_set_times}, see {@link Filestat#setTimes}. */
    void setTimes(long atim, long mtim, int fstFlags, long now) throws IOException {
        throw new ErrnoException(Errno.NOTSUP);
    }

    /** {@code fd_allocate}: makes the file at least {@code offset + length} bytes long. */
    void allocate(long offset, long length) throws IOException {
        throw new ErrnoException(Errno.BADF);
    }

    /** {@code fd_sync} ({@code metadata}) and {@code fd_datasync}. */
    void sync(boolean metadata) throws IOException {
        flush();
    }

    /** For {@code poll_oneoff}: bytes that can be read now without blocking, or -1 if none can. */
    long readable() throws IOException {
        return -1;
    }

    /** For {@code poll_oneoff}: whether a write would not block now, for descriptors without {@link #selectable()}. */
    boolean writable() {
        return false;
    }

    /** For {@code poll_oneoff}, after {@link #readable()}: whether the other end has hung up. */
    boolean hungUp() {
        return false;
    }

    /**
     * For {@code poll_oneoff}: the channel to wait on for this descriptor to become ready, or
     * {@code null} for descriptors that are either ready at once or cannot be waited for.
     */
    SelectableChannel selectable() {
        return null;
    }

    /** The {@link java.nio.channels.SelectionKey} operations that mean "readable" for {@link #selectable()}. */
    int readOps() {
        return 0;
    }

    /** The {@link java.nio.channels.SelectionKey} operations that mean "writable" for {@link #selectable()}; 0: never. */
    int writeOps() {
        return 0;
    }

    /** Releases what the descriptor holds; the descriptor is already out of the table. */
    void close() throws IOException {
        flush();
    }
}
