package dev.kiln.wasi;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The deterministic clocks of {@link WasiClock#deterministic}: each clock starts at its origin
 * (the given wall-clock time for {@link WasiClockId#REALTIME}, 0 for the others) and moves on by
 * a fixed step every time it is read, so a program that measures, sleeps until or stamps files
 * with the time sees the same values on every run, and still sees time pass.
 */
final class SteppingClock implements WasiClock {

    private final long step;
    private final AtomicLongArray next = new AtomicLongArray(WasiClockId.values().length);

    SteppingClock(long realtimeOrigin, long step) {
        this.step = step;
        next.set(WasiClockId.REALTIME.ordinal(), realtimeOrigin);
    }

    @Override
    public long time(WasiClockId id) {
        return next.getAndAdd(id.ordinal(), step);
    }

    /** A clock that moves in steps cannot resolve less than one step; a stopped one reports 1 ns. */
    @Override
    public long resolution(WasiClockId id) {
        return Math.max(1, step);
    }
}
