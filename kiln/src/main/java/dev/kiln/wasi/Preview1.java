package dev.kiln.wasi;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import java.util.List;
import java.util.Locale;

/**
 * Every function of {@code wasi_snapshot_preview1}, with its exact core-WebAssembly signature
 * (from the preview1 witx; pointers, sizes, descriptors and small enums are i32, 64-bit
 * quantities such as file sizes, offsets, timestamps and rights are i64). All of them return an
 * {@link Errno} as i32, except {@code proc_exit}, which does not return.
 */
enum Preview1 {
    ARGS_GET(I32, I32),
    ARGS_SIZES_GET(I32, I32),
    ENVIRON_GET(I32, I32),
    ENVIRON_SIZES_GET(I32, I32),
    CLOCK_RES_GET(I32, I32),
    CLOCK_TIME_GET(I32, I64, I32),
    FD_ADVISE(I32, I64, I64, I32),
    FD_ALLOCATE(I32, I64, I64),
    FD_CLOSE(I32),
    FD_DATASYNC(I32),
    FD_FDSTAT_GET(I32, I32),
    FD_FDSTAT_SET_FLAGS(I32, I32),
    FD_FDSTAT_SET_RIGHTS(I32, I64, I64),
    FD_FILESTAT_GET(I32, I32),
    FD_FILESTAT_SET_SIZE(I32, I64),
    FD_FILESTAT_SET_TIMES(I32, I64, I64, I32),
    FD_PREAD(I32, I32, I32, I64, I32),
    FD_PRESTAT_GET(I32, I32),
    FD_PRESTAT_DIR_NAME(I32, I32, I32),
    FD_PWRITE(I32, I32, I32, I64, I32),
    FD_READ(I32, I32, I32, I32),
    FD_READDIR(I32, I32, I32, I64, I32),
    FD_RENUMBER(I32, I32),
    FD_SEEK(I32, I64, I32, I32),
    FD_SYNC(I32),
    FD_TELL(I32, I32),
    FD_WRITE(I32, I32, I32, I32),
    PATH_CREATE_DIRECTORY(I32, I32, I32),
    PATH_FILESTAT_GET(I32, I32, I32, I32, I32),
    PATH_FILESTAT_SET_TIMES(I32, I32, I32, I32, I64, I64, I32),
    PATH_LINK(I32, I32, I32, I32, I32, I32, I32),
    PATH_OPEN(I32, I32, I32, I32, I32, I64, I64, I32, I32),
    PATH_READLINK(I32, I32, I32, I32, I32, I32),
    PATH_REMOVE_DIRECTORY(I32, I32, I32),
    PATH_RENAME(I32, I32, I32, I32, I32, I32),
    PATH_SYMLINK(I32, I32, I32, I32, I32),
    PATH_UNLINK_FILE(I32, I32, I32),
    POLL_ONEOFF(I32, I32, I32, I32),
    PROC_EXIT(I32),
    PROC_RAISE(I32),
    SCHED_YIELD(),
    RANDOM_GET(I32, I32),
    SOCK_ACCEPT(I32, I32, I32),
    SOCK_RECV(I32, I32, I32, I32, I32, I32),
    SOCK_SEND(I32, I32, I32, I32, I32),
    SOCK_SHUTDOWN(I32, I32);

    private final List<ValueType> params;

    Preview1(ValueType... params) {
        this.params = List.of(params);
    }

    /** The import name, for example {@code fd_write}. */
    String importName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The signature a module must import this function with. */
    FunctionType type() {
        return FunctionType.of(params, returnsErrno() ? List.of(I32) : List.of());
    }

    /**
     * Whether a call can wait (on a socket, a timer or a stream): an interruption of the calling
     * instance must then end the wait, see {@link dev.kiln.Instance#wakeOnInterrupt}.
     */
    boolean canWait() {
        return switch (this) {
            case POLL_ONEOFF, SOCK_ACCEPT, SOCK_RECV, SOCK_SEND, FD_READ, FD_WRITE -> true;
            default -> false;
        };
    }

    /** Whether the function returns an errno: all do but {@code proc_exit}. */
    boolean returnsErrno() {
        return this != PROC_EXIT;
    }
}
