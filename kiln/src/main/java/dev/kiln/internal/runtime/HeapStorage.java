package dev.kiln.internal.runtime;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A memory in a Java {@code long[]}, where native memory cannot be mapped (no native access, or
 * not Linux on x86-64). Longs rather than bytes because a {@code long[]} holds the 4 GiB a
 * memory may reach; a grow copies the array, as this fallback is not what production runs on.
 */
final class HeapStorage implements MemoryStorage {

    private long[] words = new long[0];

    @Override
    public MemorySegment resize(long bytes) {
        try {
            words = Arrays.copyOf(words, Math.toIntExact(bytes / Long.BYTES));
        } catch (OutOfMemoryError e) {
            return null;
        }
        return MemorySegment.ofArray(words);
    }

    @Override
    public MemorySegment descriptor() {
        return MemorySegment.NULL;
    }

    @Override
    public void release() {
        words = new long[0];
    }
}
