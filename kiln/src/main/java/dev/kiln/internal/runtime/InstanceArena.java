package dev.kiln.internal.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The native memory of what one instance defines besides its linear memories: global cells,
 * table element arrays and descriptors, function records ({@link FunctionRecord}) and, on the
 * compiler, the module context. Native code follows pointers into it, so it must outlive every
 * instance that can reach it:
 *
 * <ul>
 *   <li>the defining instance holds one reference until it closes;</li>
 *   <li>an arena keeps alive ({@link #keepAlive}) what its instance's code can reach: the
 *       arenas of the instance's imported functions, tables and globals, and of every function
 *       one of its tables holds (the table points at the function's record);</li>
 *   <li>the last reference drops the arena: it lets go of what it kept alive, and its memory is
 *       freed once the native calls running then have returned ({@link Store#free}).</li>
 * </ul>
 *
 * <p>References can form cycles: a module that imports another's table and puts its own
 * functions in it (dynamic linking does) keeps the table's owner alive, whose table keeps it
 * alive. Each arena knows which arenas keep it alive, so it can tell the references held from
 * outside the graph (its open instance, {@link #retain}s) from the others. When a release leaves
 * an arena referenced only by other arenas, the search walks back through whoever keeps it
 * alive: if it meets an arena held from outside, it stops (usually at once: an open instance's
 * table); if it meets none, the arena and all it met are a garbage cycle and are dropped. A
 * search that would pass {@link #CYCLE_SEARCH_LIMIT} arenas is given up, and
 * {@link Store#close()}, which frees every arena left, frees the cycle.
 * After an arena is freed, every access through a segment of it is an
 * {@link IllegalStateException}, never a read of freed memory: the FFM arena is shared and
 * checks liveness.
 *
 * <p>References and keep-alive edges change under one lock per store, so the search sees a
 * graph that holds still. Small allocations are carved from 4 KiB chunks (one {@code malloc} per
 * chunk, not per cell).
 */
public final class InstanceArena {

    private static final long CHUNK = 4096;
    /** The most arenas one cycle search visits; beyond, a cycle waits for the store's close. */
    static final int CYCLE_SEARCH_LIMIT = 1 << 16;

    private final Store store;
    private final Arena arena = Arena.ofShared();
    private MemorySegment chunk = MemorySegment.NULL;
    private long chunkUsed;
    /** Under the store's {@link Store#arenaGraph} lock, as are {@link #keptAlive} and {@link #dropped}'s changes. */
    private int references = 1;
    private volatile boolean released;
    private volatile boolean dropped;
    /** Arenas this one keeps alive, because its instance's code can reach them. */
    private final Set<InstanceArena> keptAlive = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The arenas that keep this one alive: each holds one of {@link #references}. */
    private final Set<InstanceArena> keptBy = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Runnable> onFree = new ArrayList<>();

    InstanceArena(Store store) {
        this.store = store;
        store.track(this);
    }

    /** The store this arena belongs to. */
    Store store() {
        return store;
    }

    /**
     * Runs {@code action} when the memory is freed: an engine lets go of what only code reaching
     * this memory could use (the host-function ids its module context names).
     */
    public synchronized void onFree(Runnable action) {
        checkLive();
        onFree.add(action);
    }

    /** {@code size} zeroed bytes aligned to {@code alignment} (a power of two, at most 16). */
    public synchronized MemorySegment allocate(long size, long alignment) {
        checkLive();
        if (size > CHUNK / 4) {
            return arena.allocate(size, alignment);
        }
        long at = (chunkUsed + alignment - 1) & -alignment;
        if (at + size > chunk.byteSize()) {
            chunk = arena.allocate(CHUNK, 16);
            at = 0;
        }
        chunkUsed = at + size;
        return chunk.asSlice(at, size);
    }

    /** Takes one more reference, which a {@link #release} gives back. */
    public void retain() {
        synchronized (store.arenaGraph) {
            retainLocked();
        }
    }

    private void retainLocked() {
        checkLive();
        if (dropped) {
            throw new IllegalStateException("the instance is closed");
        }
        references++;
    }

    /**
     * Keeps {@code other} alive as long as this arena lives: code of this arena's instance can
     * reach it (an import, or a table holding a function whose record is there). Idempotent.
     */
    public void keepAlive(InstanceArena other) {
        if (other == this) {
            return;
        }
        synchronized (store.arenaGraph) {
            checkLive();
            if (keptAlive.add(other)) {
                other.retainLocked();
                other.keptBy.add(this);
            }
        }
    }

    /** References from outside the arena graph: the defining instance while open, and {@link #retain}s. */
    private int outsideReferences() {
        return references - keptBy.size();
    }

    /**
     * Drops a reference. When none is left, or only arenas that nothing outside the graph holds
     * refer to it (a cycle), the arena and what only it kept alive are dropped; their memory is
     * freed once the native calls running now have returned.
     */
    public void release() {
        List<InstanceArena> dropped = new ArrayList<>();
        synchronized (store.arenaGraph) {
            if (references == 0) {
                return;
            }
            references--;
            ArrayDeque<InstanceArena> candidates = new ArrayDeque<>();
            if (references == 0) {
                dropAll(List.of(this), dropped, candidates);
            } else {
                candidates.add(this);
            }
            while (!candidates.isEmpty()) {
                InstanceArena candidate = candidates.poll();
                if (!candidate.dropped && candidate.outsideReferences() == 0) {
                    List<InstanceArena> garbage = unreachable(candidate);
                    if (garbage != null) {
                        dropAll(garbage, dropped, candidates);
                    }
                }
            }
        }
        for (InstanceArena arena : dropped) {
            store.free(arena::freeMemory);
        }
    }

    /**
     * {@code candidate} and every arena that reaches it, if none of them is held from outside:
     * then nothing can reach them any more. Null when one is held, or the search would pass
     * {@link #CYCLE_SEARCH_LIMIT}.
     */
    private static List<InstanceArena> unreachable(InstanceArena candidate) {
        Set<InstanceArena> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<InstanceArena> found = new ArrayList<>(List.of(candidate));
        seen.add(candidate);
        for (int next = 0; next < found.size(); next++) {
            for (InstanceArena holder : found.get(next).keptBy) {
                if (holder.outsideReferences() > 0 || found.size() == CYCLE_SEARCH_LIMIT) {
                    return null;
                }
                if (seen.add(holder)) {
                    found.add(holder);
                }
            }
        }
        return found;
    }

    /**
     * Drops {@code arenas} (all unreachable), and lets go of what they kept alive: an arena left
     * with no reference is dropped too, one left referenced is a candidate for a cycle search.
     * A loop, not recursion: a chain of instances each holding the previous one's function can be
     * as long as the runtime made it.
     */
    private static void dropAll(List<InstanceArena> arenas, List<InstanceArena> dropped,
            ArrayDeque<InstanceArena> candidates) {
        ArrayDeque<InstanceArena> work = new ArrayDeque<>(arenas);
        for (InstanceArena arena : arenas) {
            arena.dropped = true;
        }
        while (!work.isEmpty()) {
            InstanceArena arena = work.poll();
            arena.dropped = true;
            arena.references = 0;
            arena.keptBy.clear();
            dropped.add(arena);
            for (InstanceArena kept : arena.keptAlive) {
                if (kept.dropped) {
                    continue; // in this set, or already gone
                }
                kept.keptBy.remove(arena);
                if (--kept.references == 0) {
                    kept.dropped = true;
                    work.add(kept);
                } else {
                    candidates.add(kept);
                }
            }
            arena.keptAlive.clear();
        }
    }

    /**
     * Whether the arena is dropped: its memory is freed, or will be once the calls running now
     * return. A call starting now must not run on it.
     */
    public boolean isDropped() {
        return dropped;
    }

    /** Frees the memory now, whoever still refers to it ({@link Store#close}, when no call runs). */
    void free() {
        synchronized (store.arenaGraph) {
            references = 0;
            dropped = true;
            keptAlive.clear();
            keptBy.clear();
        }
        freeMemory();
    }

    private void freeMemory() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            chunk = MemorySegment.NULL;
            arena.close();
        }
        store.untrack(this);
        onFree.forEach(Runnable::run);
        onFree.clear();
    }

    /** Whether the memory was freed. */
    public boolean isReleased() {
        return released;
    }

    private void checkLive() {
        if (released) {
            throw new IllegalStateException("the instance's native state is freed");
        }
    }
}
