package dev.kiln.internal.runtime;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The timer behind call timeouts: one daemon thread per store, started by the first timed call
 * and stopped when the store closes. A timed call {@link #start}s a {@link Deadline} and ends it
 * when it returns; a deadline that expires first interrupts whatever its instance is running.
 */
final class Deadlines {

    private ScheduledThreadPoolExecutor timer;
    private boolean closed;

    /**
     * A deadline {@code nanos} from now for the call about to enter {@code instance}.
     *
     * @throws IllegalStateException if the store is closed
     */
    synchronized Deadline start(ModuleInstance instance, long nanos) {
        if (closed) {
            throw new IllegalStateException("the runtime is closed");
        }
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, Deadlines::daemon);
            timer.setRemoveOnCancelPolicy(true);
        }
        Deadline deadline = new Deadline(instance, timer);
        deadline.arm(nanos);
        return deadline;
    }

    /** Stops the timer thread; later timed calls are refused. */
    synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "kiln-deadline");
        thread.setDaemon(true);
        return thread;
    }
}
