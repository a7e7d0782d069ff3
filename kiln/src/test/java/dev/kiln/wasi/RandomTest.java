package dev.kiln.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RandomTest {

    private WasiHarness wasi = new WasiHarness(WasiConfig.defaults().withRandom(new Random(42)));

    @AfterEach
    void close() {
        wasi.close();
    }

    @Test
    void randomGetFillsExactlyTheBufferFromTheConfiguredSource() {
        wasi.memory.writeByte(99, (byte) 0x5A);
        wasi.memory.writeByte(132, (byte) 0x5A);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.RANDOM_GET, 100, 32));
        byte[] expected = new byte[32];
        new Random(42).nextBytes(expected);
        assertArrayEquals(expected, wasi.memory.read(100, 32));
        assertEquals(0x5A, wasi.memory.readByte(99));
        assertEquals(0x5A, wasi.memory.readByte(132));
    }

    @Test
    void largeRequestsAreFilledCompletely() {
        int length = 60_000;
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.RANDOM_GET, 1000, length));
        byte[] filled = wasi.memory.read(1000, length);
        int zeros = 0;
        for (byte b : filled) {
            zeros += b == 0 ? 1 : 0;
        }
        assertEquals(length / 256.0, zeros, length / 256.0 / 2, "about 1 in 256 random bytes is zero");
        assertEquals(0, wasi.memory.readByte(1000 + length));
    }

    @Test
    void emptyRequestsSucceedAndBadRangesAreEfault() {
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.RANDOM_GET, WasiHarness.MEMORY_SIZE, 0));
        assertEquals(Errno.FAULT, wasi.call(Preview1.RANDOM_GET, WasiHarness.MEMORY_SIZE - 8, 9));
        assertEquals(Errno.FAULT, wasi.call(Preview1.RANDOM_GET, 0, 0xFFFF_FFFFL));
    }

    @Test
    void aSeededSourceIsSplitMix64AndStartsAfreshForEveryModule() {
        WasiConfig config = WasiConfig.defaults().withRandomSeed(0);
        for (int run = 0; run < 2; run++) {
            try (WasiHarness fresh = new WasiHarness(config)) {
                assertEquals(Errno.SUCCESS, fresh.call(Preview1.RANDOM_GET, 100, 16));
                // SplitMix64's published first outputs for seed 0, little-endian.
                assertEquals(0xE220_A839_7B1D_CDAFL, fresh.memory.readLong(100), "run " + run);
                assertEquals(0x6E78_9E6A_A1B9_65F4L, fresh.memory.readLong(108));
                assertEquals(Errno.SUCCESS, fresh.call(Preview1.RANDOM_GET, 200, 3));
                assertArrayEquals(new byte[] {0x4F, 0x45, 0x09}, fresh.memory.read(200, 3), "the third output's low bytes");
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentBytes() {
        try (WasiHarness one = new WasiHarness(WasiConfig.defaults().withRandomSeed(1));
             WasiHarness two = new WasiHarness(WasiConfig.defaults().withRandomSeed(2))) {
            assertEquals(Errno.SUCCESS, one.call(Preview1.RANDOM_GET, 100, 32));
            assertEquals(Errno.SUCCESS, two.call(Preview1.RANDOM_GET, 100, 32));
            assertFalse(Arrays.equals(one.memory.read(100, 32), two.memory.read(100, 32)));
        }
    }
}
