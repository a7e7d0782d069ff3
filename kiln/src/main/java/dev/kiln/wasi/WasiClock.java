package dev.kiln.wasi;

/**
 * The time source behind {@code clock_time_get}, {@code clock_res_get}, the {@code ABSTIME}
 * clock subscriptions of {@code poll_oneoff} and the {@code *_NOW} times of
 * {@code *_filestat_set_times}. The default, {@link #system()}, reads the real clocks;
 * {@link #deterministic} makes every run see the same times; an embedder may pass its own:
 *
 * <pre>{@code
 * WasiConfig.defaults().withClock(id -> 1_000_000_000L)   // every clock reads 1 s, always
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

    /**
     * Deterministic clocks: {@link WasiClockId#REALTIME} starts at {@code realtimeOrigin}
     * (nanoseconds since the epoch), the monotonic and CPU-time clocks at 0, and each clock
     * advances by {@code stepNanos} after every read of it (0 stops time). The resolution
     * reported is the step. The clock has state: give each run a new one (as
     * {@link WasiConfig#withDeterministicClock} does) for the runs to see the same times.
     *
     * @throws IllegalArgumentException if {@code stepNanos} is negative
     */
    static WasiClock deterministic(long realtimeOrigin, long stepNanos) {
        if (stepNanos < 0) {
            throw new IllegalArgumentException("the step must not be negative, was " + stepNanos);
        }
        return new SteppingClock(realtimeOrigin, stepNanos);
    }
}
