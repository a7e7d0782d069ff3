package dev.kiln.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.TrapKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bulk operations of {@link MemoryInstance}, both ways they run: through the C library
 * ({@link NativeBulk}, taken by the public methods for large ranges when tests run with native
 * access, as the build does) and through the chunked Java routines. Each is compared with a
 * byte-at-a-time model, across chunk boundaries and with overlaps in both directions.
 */
class MemoryInstanceTest {

    private static final int SIZE = 4 * MemoryType.PAGE_SIZE;
    private final Random random = new Random(42);

    @Test
    void theBuildRunsWithTheNativeRoutines() {
        assertTrue(NativeBulk.AVAILABLE, "tests run with --enable-native-access=dev.kiln, so memset/memmove are used");
    }

    @Test
    void fillMatchesAByteLoop() {
        for (int round = 0; round < 200; round++) {
            MemoryInstance memory = memory();
            byte[] model = memory.bytes().clone();
            int at = random.nextInt(SIZE);
            int length = random.nextInt(SIZE - at + 1);
            byte value = (byte) random.nextInt();
            for (int i = at; i < at + length; i++) {
                model[i] = value;
            }
            if (round % 2 == 0) {
                memory.fill(at, value, length);
            } else {
                MemoryInstance.fillChunked(memory.bytes(), at, value, length);
            }
            assertArrayEquals(model, memory.bytes(), "fill of " + length + " bytes at " + at);
        }
    }

    @Test
    void copyMatchesAByteLoopWithOverlapsBothWays() {
        for (int round = 0; round < 200; round++) {
            MemoryInstance memory = memory();
            random.nextBytes(memory.bytes());
            byte[] model = memory.bytes().clone();
            int length = random.nextInt(SIZE / 2);
            int from = random.nextInt(SIZE - length + 1);
            int to = Math.max(0, Math.min(SIZE - length, from + random.nextInt(2 * CHUNK_SPAN) - CHUNK_SPAN));
            byte[] expected = model.clone();
            System.arraycopy(model, from, expected, to, length); // arraycopy is defined as memmove
            if (round % 2 == 0) {
                memory.copy(to, memory, from, length);
            } else {
                MemoryInstance.moveChunked(memory.bytes(), to, memory.bytes(), from, length);
            }
            assertArrayEquals(expected, memory.bytes(), "copy of " + length + " bytes from " + from + " to " + to);
        }
    }

    @Test
    void outOfBoundsTrapsAndWritesNothing() {
        MemoryInstance memory = memory();
        Trap trap = assertThrows(Trap.class, () -> memory.fill(SIZE - 10, (byte) 1, 11));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
        assertThrows(Trap.class, () -> memory.copy(0, memory, SIZE - 4095, 4096));
        assertArrayEquals(new byte[SIZE], memory.bytes());
    }

    /** How far copies may shift: past one 64 KiB chunk so overlaps span chunk boundaries. */
    private static final int CHUNK_SPAN = 3 * 65536 / 2;

    private static MemoryInstance memory() {
        return new MemoryInstance(new MemoryType(new Limits(SIZE / MemoryType.PAGE_SIZE, Limits.NO_MAX)), 65536);
    }
}
