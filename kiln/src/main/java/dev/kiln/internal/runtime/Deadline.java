package dev.kiln.internal.runtime;

import java.util.concurrent.ScheduledFuture;

/**
 * One timed call. {@link #end} and {@link #expire} exclude each other, so a deadline that
 * expires just as its call returns cannot interrupt the next call of the same instance: the
 * next call clears its thread's flag when it starts, which is after this call ended.
 */
public final class Deadline {

    private final ModuleInstance instance;
    ScheduledFuture<?> expiry;
    private boolean ended;

    Deadline(ModuleInstance instance) {
        this.instance = instance;
    }

    synchronized void expire() {
        if (!ended) {
            instance.interrupt();
        }
    }

    /** The call returned (or threw): the deadline no longer applies. */
    public void end() {
        synchronized (this) {
            ended = true;
        }
        expiry.cancel(false);
    }
}
