package dev.kiln.wasi;

/**
 * The clocks a WASI guest can read with {@code clock_time_get} and {@code clock_res_get}. The
 * {@linkplain #ordinal() ordinal} is the preview1 {@code clockid}.
 */
public enum WasiClockId {
    /** Wall-clock time: nanoseconds since 1970-01-01T00:00:00Z. */
    REALTIME,
    /** A clock that never goes backwards, from an arbitrary origin. */
    MONOTONIC,
    /** CPU time consumed by the process (for Kiln: the whole JVM). */
    PROCESS_CPUTIME,
    /** CPU time consumed by the thread running the guest. */
    THREAD_CPUTIME;

    private static final WasiClockId[] BY_ID = values();

    /** The clock with preview1 id {@code id}, or {@code null} if there is none. */
    static WasiClockId fromId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
