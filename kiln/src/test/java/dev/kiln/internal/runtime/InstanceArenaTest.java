package dev.kiln.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** {@link InstanceArena}: allocation, reference counting, keeping other arenas alive, freeing. */
class InstanceArenaTest {

    private final Store store = new Store(65536, 1000);

    @Test
    void allocationsAreZeroedAlignedAndDisjoint() {
        InstanceArena arena = new InstanceArena(store);
        MemorySegment previous = null;
        for (int i = 0; i < 1000; i++) {
            long size = 1 + i % 40;
            long alignment = 1L << (i % 5);
            MemorySegment s = arena.allocate(size, alignment);
            assertEquals(size, s.byteSize());
            assertEquals(0, s.address() % alignment, "aligned to " + alignment);
            for (long b = 0; b < size; b++) {
                assertEquals(0, s.get(ValueLayout.JAVA_BYTE, b));
            }
            s.fill((byte) -1);
            if (previous != null) {
                assertFalse(previous.address() < s.address() + size && s.address() < previous.address() + previous.byteSize(),
                        "allocation " + i + " overlaps the one before");
            }
            previous = s;
        }
        MemorySegment big = arena.allocate(1 << 20, 8);
        assertEquals(1 << 20, big.byteSize());
        arena.release();
    }

    @Test
    void theLastReleaseFreesAndLaterAccessIsAnException() {
        InstanceArena arena = new InstanceArena(store);
        MemorySegment cell = arena.allocate(16, 16);
        arena.retain();
        arena.release();
        cell.set(ValueLayout.JAVA_LONG, 0, 7);
        assertFalse(arena.isReleased());
        arena.release();
        assertTrue(arena.isReleased());
        assertThrows(IllegalStateException.class, () -> cell.get(ValueLayout.JAVA_LONG, 0));
        assertThrows(IllegalStateException.class, () -> arena.allocate(8, 8));
        assertThrows(IllegalStateException.class, arena::retain);
        arena.release(); // a release too many does nothing
    }

    @Test
    void anArenaKeepsWhatItsTablesPointAtAlive() {
        InstanceArena holder = new InstanceArena(store);
        InstanceArena definer = new InstanceArena(store);
        holder.keepAlive(definer);
        holder.keepAlive(definer); // once is enough
        holder.keepAlive(holder);
        definer.release();
        assertFalse(definer.isReleased(), "the holder still points at it");
        holder.release();
        assertTrue(holder.isReleased());
        assertTrue(definer.isReleased(), "freed with the last arena that kept it");
    }

    @Test
    void aLongChainIsFreedWithoutRecursion() {
        int length = 100_000;
        InstanceArena[] chain = new InstanceArena[length];
        for (int i = 0; i < length; i++) {
            chain[i] = new InstanceArena(store);
            if (i > 0) {
                chain[i].keepAlive(chain[i - 1]);
                chain[i - 1].release();
            }
        }
        assertFalse(chain[0].isReleased());
        chain[length - 1].release();
        assertTrue(chain[0].isReleased(), "the whole chain was freed, with no StackOverflowError");
    }

    @Test
    void theStoreFreesArenasThatKeepEachOtherAlive() {
        InstanceArena a = new InstanceArena(store);
        InstanceArena b = new InstanceArena(store);
        a.keepAlive(b);
        b.keepAlive(a);
        a.release();
        b.release();
        assertFalse(a.isReleased() || b.isReleased(), "a cycle");
        store.close();
        assertTrue(a.isReleased() && b.isReleased());
    }
}
