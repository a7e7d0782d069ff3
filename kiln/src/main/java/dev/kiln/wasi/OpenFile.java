package dev.kiln.wasi;

import java.io.IOException;

/**
 * What a WASI file descriptor refers to. Operations a kind of file does not support fail with
 * an {@link ErrnoException} carrying the POSIX-like errno (for example {@link Errno#BADF} for
 * writing to an input stream, {@link Errno#SPIPE} for seeking a stream).
 */
interface OpenFile {

    /** The preview1 {@code filetype}, see {@link FileType}. */
    int fileType();

    /** The preview1 {@code fdflags}. */
    int fdFlags();

    /** The operations allowed on this descriptor, see {@link Rights}. */
    long rightsBase();

    /** The rights descriptors opened through this one may have. */
    long rightsInheriting();

    /**
     * Reads at most {@code length} bytes into {@code target[0..)}, blocking until at least one is
     * available; returns how many were read, 0 at end of input.
     */
    int read(byte[] target, int length) throws IOException;

    /** Writes all of {@code source[0..length)}. */
    void write(byte[] source, int length) throws IOException;

    /** Makes written bytes visible to whoever reads the other end. */
    void flush() throws IOException;

    /** {@code fd_seek}: moves the file offset and returns the new one. */
    long seek(long offset, int whence) throws IOException;
}
