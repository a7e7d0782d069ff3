package dev.kiln;

import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;

/** Memories for tests of other packages that a public API cannot make. */
public final class TestMemories {

    private TestMemories() {}

    /**
     * A memory of {@code pages} pages on the Java heap, what every memory is where the JVM may
     * not map native memory (no native access): tests of code that takes the other path there.
     */
    public static Memory onHeap(int pages) {
        return new Memory(new MemoryInstance(new MemoryType(new Limits(pages, pages)), pages, MemoryInstance.Backing.HEAP));
    }
}
