package dev.kiln.wasi;

/**
 * The time source behind {@code clock_time_get} and {@code clock_res_get}. The default,
 * {@link #system()}, reads the real clocks; tests pass their own to make time deterministic:
 *
 * <pre>{@code
 * WasiConfig.defaults().withClock(id -> 1_000_000_000L)   // every clock reads 1 s
 * }</pre>
 */
@FunctionalInterface
public interface WasiClock {

    /** The current time of clock {@code id}, in nanoseconds. */
    long time(WasiClockId id);

    /** The resolution of clock {@code id}, in nanoseconds; 1 unless overridden. */
    default long resolution(WasiClockId id) {
        return 1;
    }

    /**
     * The real clocks: {@link java.time.Instant#now()} with nanosecond precision for
     * {@link WasiClockId#REALTIME}, {@link System#nanoTime()} for {@link WasiClockId#MONOTONIC},
     * and the JVM's CPU-time counters for the two CPU-time clocks.
     */
    static WasiClock system() {
        return SystemClock.INSTANCE;
    }
}
