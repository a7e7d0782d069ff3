package dev.kiln.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.BulkMemory;
import dev.kiln.internal.runtime.MemoryInstance.Backing;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MemoryInstance} on both backings: bulk operations against a byte-at-a-time model (with
 * overlaps in both directions), growth that keeps contents, the native descriptor, and release.
 */
class MemoryInstanceTest {

    private static final int SIZE = 4 * MemoryType.PAGE_SIZE;
    private final Random random = new Random(42);
    /** Without an engine's reclaimer: a release frees at once. */
    private final Store store = new Store(65536, 1000);

    @Test
    void theBuildMapsNativeMemory() {
        MemoryInstance memory = memory(Backing.DEFAULT);
        assertNotEquals(MemorySegment.NULL, memory.descriptor(), "tests run with native access, so memory is mapped");
        assertTrue(memory.segment().isNative());
        memory.release(store);
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void fillMatchesAByteLoop(Backing backing) {
        MemoryInstance memory = memory(backing);
        for (int round = 0; round < 100; round++) {
            byte[] model = contents(memory);
            int at = random.nextInt(SIZE);
            int length = random.nextInt(SIZE - at + 1);
            byte value = (byte) random.nextInt();
            for (int i = at; i < at + length; i++) {
                model[i] = value;
            }
            memory.fill(at, value, length);
            assertArrayEquals(model, contents(memory), "fill of " + length + " bytes at " + at);
        }
        memory.release(store);
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void copyMatchesAByteLoopWithOverlapsBothWays(Backing backing) {
        MemoryInstance memory = memory(backing);
        for (int round = 0; round < 100; round++) {
            byte[] random = new byte[SIZE];
            this.random.nextBytes(random);
            memory.init(0, random, 0, SIZE);
            int length = this.random.nextInt(SIZE / 2);
            int from = this.random.nextInt(SIZE - length + 1);
            int to = Math.max(0, Math.min(SIZE - length, from + this.random.nextInt(2 * SHIFT) - SHIFT));
            byte[] expected = random.clone();
            System.arraycopy(random, from, expected, to, length); // arraycopy is defined as memmove
            memory.copy(to, memory, from, length);
            assertArrayEquals(expected, contents(memory), "copy of " + length + " bytes from " + from + " to " + to);
        }
        memory.release(store);
    }

    /**
     * Lengths either side of {@link BulkMemory#THRESHOLD}, where native memory switches from the
     * JDK's copy to the C library's, at odd addresses and shifts of a few bytes both ways (the
     * overlaps the JDK's copy handled slowly), within one memory and between two.
     */
    @ParameterizedTest
    @EnumSource(Backing.class)
    void bulkOperationsAgreeWithAByteLoopAroundTheNativeThreshold(Backing backing) {
        MemoryInstance memory = memory(backing);
        MemoryInstance other = memory(backing);
        int threshold = (int) BulkMemory.THRESHOLD;
        for (int length : new int[] {threshold - 1, threshold, threshold + 1, 3 * threshold + 5}) {
            for (int shift : new int[] {-7, -1, 0, 1, 3}) {
                for (MemoryInstance source : new MemoryInstance[] {memory, other}) {
                    byte[] random = new byte[SIZE];
                    this.random.nextBytes(random);
                    memory.init(0, random, 0, SIZE);
                    other.init(0, random, 0, SIZE);
                    int from = 1001;
                    int to = from + shift;
                    byte[] expected = random.clone();
                    System.arraycopy(random, from, expected, to, length);
                    memory.copy(to, source, from, length);
                    assertArrayEquals(expected, contents(memory), "copy of " + length + " bytes shifted by " + shift
                            + (source == memory ? " within one memory" : " from another memory"));
                }
            }
            byte[] expected = contents(memory);
            Arrays.fill(expected, 333, 333 + length, (byte) 0xA5);
            memory.fill(333, (byte) 0xA5, length);
            assertArrayEquals(expected, contents(memory), "fill of " + length + " bytes");
        }
        memory.release(store);
        other.release(store);
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void outOfBoundsTrapsAndWritesNothing(Backing backing) {
        MemoryInstance memory = memory(backing);
        Trap trap = assertThrows(Trap.class, () -> memory.fill(SIZE - 10, (byte) 1, 11));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        assertThrows(Trap.class, () -> memory.copy(0, memory, SIZE - 4095, 4096));
        assertThrows(Trap.class, () -> memory.init(SIZE - 1, new byte[2], 0, 2));
        assertArrayEquals(new byte[SIZE], contents(memory));
        memory.release(store);
    }

    @ParameterizedTest
    @EnumSource(Backing.class)
    void growKeepsTheContentsZeroesTheRestAndStopsAtTheMaximum(Backing backing) {
        MemoryInstance memory = new MemoryInstance(new MemoryType(new Limits(1, 3)), 65536, backing);
        memory.segment().set(ValueLayout.JAVA_LONG, 8, 0x1122334455667788L);
        assertEquals(1, memory.grow(2));
        assertEquals(3 * MemoryType.PAGE_SIZE, memory.size());
        assertEquals(0x1122334455667788L, memory.segment().get(ValueLayout.JAVA_LONG, 8));
        assertEquals(0, memory.segment().get(ValueLayout.JAVA_LONG, 3L * MemoryType.PAGE_SIZE - 8));
        assertEquals(-1, memory.grow(1));
        assertEquals(3, memory.grow(0));
        memory.release(store);
    }

    @Test
    void theDescriptorFollowsAGrowInPlace() {
        MemoryInstance memory = new MemoryInstance(new MemoryType(new Limits(1, 10)), 65536);
        MemorySegment descriptor = memory.descriptor().reinterpret(MemoryDescriptor.SIZE);
        long base = descriptor.get(ValueLayout.JAVA_LONG, MemoryDescriptor.BASE);
        assertEquals(memory.segment().address(), base);
        assertEquals(10, descriptor.get(ValueLayout.JAVA_INT, MemoryDescriptor.MAX_PAGES));
        memory.grow(4);
        assertEquals(memory.segment().address(), base, "the base never moves");
        assertEquals(5L * MemoryType.PAGE_SIZE, descriptor.get(ValueLayout.JAVA_LONG, MemoryDescriptor.LENGTH));
        assertEquals(5, descriptor.get(ValueLayout.JAVA_INT, MemoryDescriptor.PAGES));
        memory.release(store);
    }

    @Test
    void theLastReleaseFreesAndLaterUseIsAnException() {
        MemoryInstance memory = memory(Backing.DEFAULT);
        MemorySegment old = memory.segment();
        memory.retain();
        memory.release(store);
        assertFalse(memory.isReleased());
        old.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        memory.release(store);
        assertTrue(memory.isReleased());
        assertThrows(IllegalStateException.class, () -> old.get(ValueLayout.JAVA_BYTE, 0), "a stale segment is closed");
        assertThrows(IllegalStateException.class, () -> memory.grow(1));
        assertThrows(IllegalStateException.class, () -> BulkMemory.fill(old.asSlice(0, 2 * BulkMemory.THRESHOLD), (byte) 1),
                "the C library's fill is refused a stale segment too (a memory released by another thread)");
        assertThrows(IllegalStateException.class, () -> BulkMemory.move(old.asSlice(0, 8), old.asSlice(8, 8)));
        assertThrows(IllegalStateException.class, memory::retain);
        memory.release(store); // idempotent
    }

    /** How far copies may shift: past one 64 KiB page so overlaps span page boundaries. */
    private static final int SHIFT = 3 * 65536 / 2;

    private static MemoryInstance memory(Backing backing) {
        return new MemoryInstance(new MemoryType(new Limits(4, 4)), 65536, backing);
    }

    private static byte[] contents(MemoryInstance memory) {
        return memory.segment().toArray(ValueLayout.JAVA_BYTE);
    }
}
