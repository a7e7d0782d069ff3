package dev.kiln.internal.runtime;

import java.lang.foreign.MemorySegment;

/**
 * Where the bytes of a {@link MemoryInstance} live: reserved native memory
 * ({@link MappedStorage}) where this JVM can map it, else a Java array ({@link HeapStorage}).
 * Both hand out their bytes as a {@link MemorySegment}, so every engine's Java code is the same
 * for both.
 */
sealed interface MemoryStorage permits MappedStorage, HeapStorage {

    /**
     * Grows the storage to {@code bytes} (never less than before), keeping the contents and
     * zeroing the new bytes.
     *
     * @return a segment of exactly {@code bytes} bytes, or {@code null}, changing nothing, when
     *     the memory for them cannot be had
     */
    MemorySegment resize(long bytes);

    /**
     * The native descriptor native code reaches the memory through (layout in
     * {@link MemoryDescriptor}), or {@link MemorySegment#NULL} for heap storage, which native
     * code never sees.
     */
    MemorySegment descriptor();

    /** Frees the storage; segments handed out before fail on use afterwards, never crash. */
    void release();
}
