package dev.kiln.internal.runtime;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One timed call. {@link #end} and {@link #expire} exclude each other, so a deadline that
 * expires just as its call returns cannot interrupt the next call of the same instance: the
 * next call clears its thread's flag when it starts, which is after this call ended.
 */
public final class Deadline {

    /** How soon an expired deadline tries again when its call has not entered the instance yet. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ModuleInstance instance;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> expiry;
    private boolean ended;

    Deadline(ModuleInstance instance, ScheduledExecutorService timer) {
        this.instance = instance;
        this.timer = timer;
    }

    /** Schedules {@link #expire} {@code nanos} from now. */
    synchronized void arm(long nanos) {
        try {
            expiry = timer.schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // The store closed; its instances are closed and the call ends with them.
        }
    }

    /**
     * The timed call starts its deadline before its engine marks the instance as running; a
     * deadline that expires in between finds nothing to interrupt, and dropping it then would
     * let the call run unbounded. So it tries again until the call runs or ends.
     */
    private synchronized void expire() {
        if (!ended && !instance.interrupt()) {
            arm(RETRY_NANOS);
        }
    }

    /** The call returned (or threw): the deadline no longer applies. */
    public void end() {
        ScheduledFuture<?> pending;
        synchronized (this) {
            ended = true;
            pending = expiry;
        }
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
