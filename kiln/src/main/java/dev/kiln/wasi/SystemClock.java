package dev.kiln.wasi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/** The real clocks behind {@link WasiClock#system()}. */
final class SystemClock implements WasiClock {

    static final SystemClock INSTANCE = new SystemClock();

    /**
     * {@link System#nanoTime()} may be negative; the guest reads an unsigned timestamp, so the
     * monotonic clock counts from when this class was loaded instead.
     */
    private static final long MONOTONIC_ORIGIN = System.nanoTime();

    private SystemClock() {}

    @Override
    public long time(WasiClockId id) {
        return switch (id) {
            case REALTIME -> realtime();
            case MONOTONIC -> System.nanoTime() - MONOTONIC_ORIGIN;
            case PROCESS_CPUTIME -> processCpuTime();
            case THREAD_CPUTIME -> threadCpuTime();
        };
    }

    /**
     * What the JDK promises everywhere: {@code Instant.now()} is at least microsecond-accurate,
     * {@code nanoTime()} counts nanoseconds, and the process CPU time comes from the operating
     * system's accounting in clock ticks (10 ms on Linux).
     */
    @Override
    public long resolution(WasiClockId id) {
        return switch (id) {
            case REALTIME -> 1_000;
            case MONOTONIC, THREAD_CPUTIME -> 1;
            case PROCESS_CPUTIME -> 10_000_000;
        };
    }

    private static long realtime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Falls back to the monotonic clock on platforms that do not report process CPU time. */
    private static long processCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElseGet(() -> System.nanoTime() - MONOTONIC_ORIGIN);
    }

    /** Falls back to the process CPU time where the JVM cannot measure a thread's CPU time. */
    private static long threadCpuTime() {
        long nanos = ThreadCpu.BEAN.isCurrentThreadCpuTimeSupported() ? ThreadCpu.BEAN.getCurrentThreadCpuTime() : -1;
        return nanos >= 0 ? nanos : processCpuTime();
    }

    /** Loaded on first use: starting the management beans costs tens of milliseconds. */
    private static final class ThreadCpu {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }
}
