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
    void aCycleIsFreedWhenNothingOutsideItRefersToIt() {
        InstanceArena a = new InstanceArena(store);
        InstanceArena b = new InstanceArena(store);
        InstanceArena c = new InstanceArena(store);
        InstanceArena kept = new InstanceArena(store);
        a.keepAlive(b);
        b.keepAlive(c);
        c.keepAlive(a); // a -> b -> c -> a
        c.keepAlive(kept);
        kept.retain(); // held from outside too
        kept.release();
        a.release();
        b.release();
        assertFalse(a.isReleased() || b.isReleased() || c.isReleased(), "c's own reference holds the cycle");
        c.release();
        assertTrue(a.isReleased() && b.isReleased() && c.isReleased(), "only the cycle refers to them");
        assertFalse(kept.isReleased(), "what the cycle kept alive and something else holds lives");
        kept.release();
        assertTrue(kept.isReleased());
    }

    @Test
    void anArenaACycleReachesButThatIsHeldOutsideKeepsWhatItReaches() {
        InstanceArena a = new InstanceArena(store);
        InstanceArena b = new InstanceArena(store);
        InstanceArena open = new InstanceArena(store);
        a.keepAlive(b);
        b.keepAlive(a);
        open.keepAlive(a); // an open instance's table holds a's function
        a.release();
        b.release();
        assertFalse(a.isReleased() || b.isReleased(), "reachable from an open arena");
        open.release();
        assertTrue(a.isReleased() && b.isReleased() && open.isReleased());
    }

    @Test
    void theStoreFreesACycleTooLargeToSearch() {
        // A hub whose table holds every leaf's function, each leaf importing the hub's table.
        InstanceArena hub = new InstanceArena(store);
        InstanceArena[] leaves = new InstanceArena[InstanceArena.CYCLE_SEARCH_LIMIT];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new InstanceArena(store);
            hub.keepAlive(leaves[i]);
            leaves[i].keepAlive(hub);
        }
        for (InstanceArena leaf : leaves) {
            leaf.release(); // each search stops at once: the hub is held
        }
        hub.release();
        assertFalse(hub.isReleased() || leaves[0].isReleased(), "a garbage cycle beyond the search limit");
        store.close();
        assertTrue(hub.isReleased() && leaves[0].isReleased() && leaves[leaves.length - 1].isReleased());
    }

    @Test
    void aHubAndItsLeavesAreFreedWithTheLastOne() {
        InstanceArena hub = new InstanceArena(store);
        InstanceArena[] leaves = new InstanceArena[1000];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = new InstanceArena(store);
            hub.keepAlive(leaves[i]);
            leaves[i].keepAlive(hub);
        }
        hub.release();
        for (int i = 0; i < leaves.length - 1; i++) {
            leaves[i].release();
        }
        assertFalse(hub.isReleased() || leaves[0].isReleased(), "the last leaf's instance is open");
        leaves[leaves.length - 1].release();
        assertTrue(hub.isReleased() && leaves[0].isReleased() && leaves[leaves.length - 1].isReleased());
    }
}
