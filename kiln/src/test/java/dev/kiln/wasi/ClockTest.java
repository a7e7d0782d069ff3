package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClockTest {

    /** Each clock reads a different, recognisable value; resolutions are 10x that. */
    private static final WasiClock FAKE = new WasiClock() {
        @Override
        public long time(WasiClockId id) {
            return 0x1122_3344_5566_7700L + id.ordinal();
        }

        @Override
        public long resolution(WasiClockId id) {
            return 10L * (id.ordinal() + 1);
        }
    };

    private WasiHarness wasi = new WasiHarness(WasiConfig.defaults().withClock(FAKE));

    @AfterEach
    void close() {
        wasi.close();
    }

    @Test
    void timeGetReadsTheClockWithTheGivenId() {
        for (WasiClockId id : WasiClockId.values()) {
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.CLOCK_TIME_GET, id.ordinal(), 1, 200));
            assertEquals(0x1122_3344_5566_7700L + id.ordinal(), wasi.memory.readLong(200), id.name());
        }
    }

    @Test
    void resGetReadsTheResolution() {
        for (WasiClockId id : WasiClockId.values()) {
            assertEquals(Errno.SUCCESS, wasi.call(Preview1.CLOCK_RES_GET, id.ordinal(), 200));
            assertEquals(10L * (id.ordinal() + 1), wasi.memory.readLong(200), id.name());
        }
    }

    @Test
    void unknownClocksAreEinval() {
        assertEquals(Errno.INVAL, wasi.call(Preview1.CLOCK_TIME_GET, 4, 0, 200));
        assertEquals(Errno.INVAL, wasi.call(Preview1.CLOCK_TIME_GET, 0xFFFF_FFFFL, 0, 200));
        assertEquals(Errno.INVAL, wasi.call(Preview1.CLOCK_RES_GET, 4, 200));
    }

    @Test
    void badPointersAreEfault() {
        assertEquals(Errno.FAULT, wasi.call(Preview1.CLOCK_TIME_GET, 0, 0, WasiHarness.MEMORY_SIZE - 7));
        assertEquals(Errno.FAULT, wasi.call(Preview1.CLOCK_RES_GET, 1, WasiHarness.MEMORY_SIZE));
    }

    @Test
    void theSystemMonotonicClockNeverGoesBackwards() {
        WasiClock clock = WasiClock.system();
        long previous = clock.time(WasiClockId.MONOTONIC);
        assertTrue(previous >= 0, "the guest reads it as unsigned");
        for (int i = 0; i < 10_000; i++) {
            long now = clock.time(WasiClockId.MONOTONIC);
            assertTrue(now >= previous, now + " after " + previous);
            previous = now;
        }
    }

    @Test
    void theSystemRealtimeClockIsTheWallClockInNanoseconds() {
        long before = Instant.now().toEpochMilli();
        long realtime = WasiClock.system().time(WasiClockId.REALTIME);
        long after = Instant.now().toEpochMilli();
        assertTrue(realtime / 1_000_000 >= before && realtime / 1_000_000 <= after, realtime + " not in [" + before + ", " + after + "] ms");
    }

    @Test
    void theSystemCpuClocksAdvanceWithWork() {
        WasiClock clock = WasiClock.system();
        long thread = clock.time(WasiClockId.THREAD_CPUTIME);
        long process = clock.time(WasiClockId.PROCESS_CPUTIME);
        long sink = 0;
        for (long deadline = System.nanoTime() + 50_000_000; System.nanoTime() < deadline; ) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        assertTrue(sink >= 0);
        assertTrue(clock.time(WasiClockId.THREAD_CPUTIME) > thread);
        assertTrue(clock.time(WasiClockId.PROCESS_CPUTIME) >= process);
        for (WasiClockId id : WasiClockId.values()) {
            assertTrue(clock.resolution(id) > 0, id.name());
        }
    }
}
