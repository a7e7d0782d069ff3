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
 * table element arrays and descriptors, and function records ({@link FunctionRecord}). Native
 * code follows pointers into it, so it must outlive every instance that can reach it:
 *
 * <ul>
 *   <li>the defining instance holds one reference, and each import of one of its globals or
 *       tables another ({@link #retain()});</li>
 *   <li>a table that holds a function of another instance keeps that instance's arena alive
 *       ({@link #keepAlive}): the table points at the function's record;</li>
 *   <li>the last {@link #release()} closes the FFM arena, and releases what it kept alive.</li>
 * </ul>
 *
 * Two instances whose tables hold each other's functions keep each other alive until
 * {@link Store#close()}, which {@link #free frees} every arena still open. After that, every
 * access through a segment of this arena is an {@link IllegalStateException}, never a read of
 * freed memory: the FFM arena is shared and checks liveness.
 *
 * <p>Small allocations are carved from 4 KiB chunks (one {@code malloc} per chunk, not per cell).
 */
public final class InstanceArena {

    private static final long CHUNK = 4096;

    private final Store store;
    private final Arena arena = Arena.ofShared();
    private MemorySegment chunk = MemorySegment.NULL;
    private long chunkUsed;
    private int references = 1;
    private volatile boolean released;
    /** Arenas this one keeps alive, because its tables point at their records. */
    private final Set<InstanceArena> keptAlive = Collections.newSetFromMap(new IdentityHashMap<>());
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

    /** Takes one more reference: an instance imports something defined here. */
    public synchronized void retain() {
        checkLive();
        references++;
    }

    /**
     * Keeps {@code other} alive as long as this arena lives: a table of this arena now holds a
     * function whose record is in {@code other}. Idempotent.
     */
    public void keepAlive(InstanceArena other) {
        if (other == this) {
            return;
        }
        synchronized (this) {
            checkLive();
            if (!keptAlive.add(other)) {
                return;
            }
        }
        // Outside this lock: two arenas keeping each other alive at once must not deadlock.
        other.retain();
    }

    /** Drops a reference; the last one frees the memory and lets go of what it kept alive. */
    public void release() {
        ArrayDeque<InstanceArena> work = new ArrayDeque<>();
        work.add(this);
        // A loop, not recursion: a chain of instances each holding the previous one's function
        // in a table can be as long as the runtime made it.
        while (!work.isEmpty()) {
            work.addAll(work.poll().dropReference());
        }
    }

    private List<InstanceArena> dropReference() {
        synchronized (this) {
            if (references == 0 || --references > 0) {
                return List.of();
            }
        }
        return free();
    }

    /** Frees the memory now, whoever still refers to it; returns what it kept alive. */
    synchronized List<InstanceArena> free() {
        if (released) {
            return List.of();
        }
        released = true;
        references = 0;
        chunk = MemorySegment.NULL;
        arena.close();
        store.untrack(this);
        onFree.forEach(Runnable::run);
        onFree.clear();
        List<InstanceArena> kept = new ArrayList<>(keptAlive);
        keptAlive.clear();
        return kept;
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
