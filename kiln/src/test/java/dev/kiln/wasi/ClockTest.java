package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    private static final Instant ORIGIN = Instant.parse("2030-01-02T03:04:05.123456789Z");
    private static final long ORIGIN_NANOS = ORIGIN.getEpochSecond() * 1_000_000_000L + ORIGIN.getNano();

    @Test
    void aDeterministicClockStartsAtItsOriginAndStepsPerRead() {
        WasiConfig config = WasiConfig.defaults().withDeterministicClock(ORIGIN, Duration.ofMillis(5));
        for (int run = 0; run < 2; run++) {
            try (WasiHarness fresh = new WasiHarness(config)) {
                long[] realtime = new long[3];
                long[] monotonic = new long[3];
                for (int i = 0; i < 3; i++) {
                    assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_TIME_GET, 0, 1, 200));
                    realtime[i] = fresh.memory.readLong(200);
                    assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_TIME_GET, 1, 1, 200));
                    monotonic[i] = fresh.memory.readLong(200);
                }
                assertArrayEquals(new long[] {ORIGIN_NANOS, ORIGIN_NANOS + 5_000_000, ORIGIN_NANOS + 10_000_000},
                        realtime, "run " + run + " starts afresh");
                assertArrayEquals(new long[] {0, 5_000_000, 10_000_000}, monotonic, "each clock steps on its own");
                assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_TIME_GET, 2, 1, 200));
                assertEquals(0, fresh.memory.readLong(200), "process CPU time");
                assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_TIME_GET, 3, 1, 200));
                assertEquals(0, fresh.memory.readLong(200), "thread CPU time");
                assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_RES_GET, 1, 200));
                assertEquals(5_000_000, fresh.memory.readLong(200), "the resolution is the step");
            }
        }
    }

    @Test
    void aStoppedDeterministicClockNeverMovesAndNegativeStepsAreRefused() {
        WasiClock stopped = WasiClock.deterministic(42, 0);
        assertEquals(42, stopped.time(WasiClockId.REALTIME));
        assertEquals(42, stopped.time(WasiClockId.REALTIME));
        assertEquals(1, stopped.resolution(WasiClockId.MONOTONIC));
        assertThrows(IllegalArgumentException.class, () -> WasiClock.deterministic(0, -1));
        assertThrows(IllegalArgumentException.class,
                () -> WasiConfig.defaults().withDeterministicClock(ORIGIN, Duration.ofNanos(-1)));
        assertThrows(ArithmeticException.class,
                () -> WasiConfig.defaults().withDeterministicClock(Instant.parse("3000-01-01T00:00:00Z"), Duration.ZERO));
    }

    @Test
    void aDeterministicClockDrivesAbsolutePollTimeoutsAndNowTimes() {
        try (WasiHarness fresh = new WasiHarness(WasiConfig.defaults().withDeterministicClock(ORIGIN, Duration.ofSeconds(1)))) {
            // ABSTIME at origin + 10 s: the clock reads the origin, so the poll would wait 10 s;
            // at origin - 1 s it has passed and fires at once.
            fresh.memory.write(4000, new byte[48]);
            fresh.memory.writeLong(4000, 7);
            fresh.memory.writeInt(4016, 0);
            fresh.memory.writeLong(4024, ORIGIN_NANOS - 1_000_000_000L);
            fresh.memory.writeShort(4040, (short) 1);
            assertEquals(Errno.SUCCESS, fresh.call(Preview1.POLL_ONEOFF, 4000, 3000, 1, 0));
            assertEquals(1, fresh.memory.readInt(0));
            assertEquals(7, fresh.memory.readLong(3000));
            assertEquals(Errno.SUCCESS, fresh.call(Preview1.CLOCK_TIME_GET, 0, 1, 200));
            assertEquals(ORIGIN_NANOS + 1_000_000_000L, fresh.memory.readLong(200), "the poll read the clock once");
        }
    }

    @Test
    void theDefaultsAreTheRealClocks() {
        assertSame(WasiClock.system(), WasiConfig.defaults().clock());
        WasiClock shared = id -> 5;
        WasiConfig config = WasiConfig.defaults().withClock(shared);
        assertSame(shared, config.clock());
        assertSame(shared, config.clock(), "a given clock is shared by every module");
    }
}
