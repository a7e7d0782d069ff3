package dev.kiln.wasi;

/** {@code clock_res_get} and {@code clock_time_get}, reading a {@link WasiClock}. */
final class ClockFunctions {

    private final WasiClock clock;

    ClockFunctions(WasiClock clock) {
        this.clock = clock;
    }

    /** {@code clock_res_get(id, resolution_ptr)}. */
    int resolutionGet(GuestMemory memory, long id, long resolutionPtr) {
        WasiClockId clockId = clockId(id);
        memory.check(resolutionPtr, 8);
        memory.writeLong(resolutionPtr, clock.resolution(clockId));
        return Errno.SUCCESS;
    }

    /**
     * {@code clock_time_get(id, precision, time_ptr)}. The precision is a hint that allows a
     * coarser, cheaper reading; every reading here is already as precise as the clock is.
     */
    int timeGet(GuestMemory memory, long id, long timePtr) {
        WasiClockId clockId = clockId(id);
        memory.check(timePtr, 8);
        memory.writeLong(timePtr, clock.time(clockId));
        return Errno.SUCCESS;
    }

    private static WasiClockId clockId(long id) {
        WasiClockId clockId = WasiClockId.fromId(id);
        if (clockId == null) {
            throw new ErrnoException(Errno.INVAL);
        }
        return clockId;
    }
}
