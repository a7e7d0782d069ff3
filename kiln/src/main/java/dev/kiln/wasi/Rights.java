package dev.kiln.wasi;

/**
 * The preview1 {@code rights} bits a descriptor can carry, as reported by
 * {@code fd_fdstat_get}. Only the bits the current descriptors use are named.
 */
final class Rights {

    private Rights() {}

    static final long FD_DATASYNC = 1L << 0;
    static final long FD_READ = 1L << 1;
    static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    static final long FD_SYNC = 1L << 4;
    static final long FD_WRITE = 1L << 6;
    static final long FD_FILESTAT_GET = 1L << 21;
    static final long POLL_FD_READWRITE = 1L << 27;
}
