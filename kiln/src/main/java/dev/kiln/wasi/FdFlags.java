package dev.kiln.wasi;

/** The preview1 {@code fdflags}, {@code oflags} and {@code lookupflags} bits. */
final class FdFlags {

    private FdFlags() {}

    static final int APPEND = 1;
    static final int DSYNC = 2;
    static final int NONBLOCK = 4;
    static final int RSYNC = 8;
    static final int SYNC = 16;

    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;

    static final int LOOKUP_SYMLINK_FOLLOW = 1;
}
