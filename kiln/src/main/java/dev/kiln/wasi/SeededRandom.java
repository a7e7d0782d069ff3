package dev.kiln.wasi;

import java.util.random.RandomGenerator;

/**
 * The reproducible source of {@link WasiConfig#withRandomSeed}: SplitMix64 (Steele, Lea and
 * Flood, 2014), written out here rather than taken from the JDK, whose seeded generators only
 * promise the same sequence within one JVM run. {@link #nextBytes} is the little-endian bytes of
 * successive {@link #nextLong()} values, so the bytes a guest gets depend only on the seed and
 * on the sizes of its {@code random_get} calls.
 */
final class SeededRandom implements RandomGenerator {

    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;

    private long state;

    SeededRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; ) {
            long value = nextLong();
            for (int b = 0; b < 8 && i < bytes.length; b++, i++) {
                bytes[i] = (byte) (value >>> (8 * b));
            }
        }
    }
}
