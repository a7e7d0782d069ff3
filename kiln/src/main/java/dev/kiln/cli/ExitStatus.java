package dev.kiln.cli;

/**
 * The exit statuses of the {@code kiln} command besides the program's own (see
 * {@link Usage}). They are distinct so scripts can tell the failures apart; a guest can of course
 * exit with any of them itself.
 */
final class ExitStatus {

    private ExitStatus() {}

    static final int SUCCESS = 0;
    /** A runtime failure that fits none of the categories below, such as a memory over the limit. */
    static final int ERROR = 1;
    static final int USAGE = 2;
    static final int UNREADABLE_FILE = 3;
    static final int MALFORMED_MODULE = 4;
    static final int INVALID_MODULE = 5;
    static final int LINK_ERROR = 6;
    static final int NOT_A_COMMAND = 7;
    /** A {@code --dir} or {@code --mount} directory does not exist or is not a directory. */
    static final int NO_DIRECTORY = 8;
    /** A {@code --listen} address cannot be listened on: in use, not local, an unknown host. */
    static final int CANNOT_LISTEN = 9;
    /** {@code --timeout} ran out; what GNU {@code timeout} exits with. */
    static final int TIMEOUT = 124;
    /** 128 + SIGABRT, what a shell reports for a native program that aborts; wasmtime does the same. */
    static final int TRAP = 134;
}
