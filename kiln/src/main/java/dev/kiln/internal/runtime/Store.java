package dev.kiln.internal.runtime;

import dev.kiln.ValueType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one {@link dev.kiln.Runtime} shares between its instances: limits, and the
 * numbering that turns function references into value slots.
 *
 * <p>A {@code funcref} value slot is {@code 0} for null, else the function's reference id. Ids
 * are handed out on first use only ({@code ref.func}, {@code table.get}, a funcref global or
 * result), so functions that are only ever called, directly or through tables, never take a
 * registry entry. An id is a slot number (low 32 bits, from 1) and the slot's generation (high
 * 32 bits); closing an instance frees the slots of its functions ({@link #revoke}). Each store
 * starts its generations at a different point ({@link #GENERATION_STRIDE}), so the same slot
 * of two runtimes has different ids and one runtime refuses another's references instead of
 * reading them as its own. An {@code externref} slot is the host's handle itself, {@code 0}
 * being null.
 *
 * <p>The store also knows every {@link ModuleInstance} not yet closed, including those whose
 * instantiation trapped after its element segments ran (their functions may sit in tables of
 * other instances, so they live on until the runtime closes), and closes them in
 * {@link #close()}.
 */
public final class Store {

    private final long memoryLimitPages;
    private final int maxCallDepth;
    /** {@link FunctionInstance#referenceId} of a function whose instance is closed. */
    static final long REVOKED = -1;

    private volatile FunctionInstance[] references = new FunctionInstance[64];
    private int[] generations = new int[64];
    private int slotCount;
    private int[] freeSlots = new int[0];
    private int freeCount;
    /**
     * Spreads the stores' first generations over the 31-bit space (a golden-ratio step, so
     * they stay far apart for any number of stores): two stores' ids for one slot differ
     * unless one of them revoked that slot some 2^29 times.
     */
    static final int GENERATION_STRIDE = 0x9E37_79B9;
    private static final AtomicInteger STORES = new AtomicInteger();
    private final int firstGeneration = STORES.incrementAndGet() * GENERATION_STRIDE;

    private final Set<ModuleInstance> live = ConcurrentHashMap.newKeySet();
    /** The lock under which instance arenas' references and keep-alive edges change ({@link InstanceArena}). */
    final Object arenaGraph = new Object();
    private final Set<InstanceArena> arenas = ConcurrentHashMap.newKeySet();
    private final Deadlines deadlines = new Deadlines();

    public Store(long memoryLimitPages, int maxCallDepth) {
        this.memoryLimitPages = memoryLimitPages;
        this.maxCallDepth = maxCallDepth;
    }

    /**
     * Starts the deadline of a call into {@code instance} that may run {@code nanos}; the caller
     * ends it when the call returns.
     */
    public Deadline startDeadline(ModuleInstance instance, long nanos) {
        return deadlines.start(instance, nanos);
    }

    /** The most pages any memory may have. */
    public long memoryLimitPages() {
        return memoryLimitPages;
    }

    /** The deepest WebAssembly call nesting before a stack-overflow trap. */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /**
     * The value slot of a function reference ({@code 0} for {@code null}).
     *
     * @throws IllegalStateException if the function's instance is closed
     */
    public long referenceOf(FunctionInstance function) {
        if (function == null) {
            return 0;
        }
        long id = function.referenceId;
        if (id > 0) {
            return id;
        }
        if (id == REVOKED) {
            throw new IllegalStateException("function " + function.debugName() + " belongs to a closed instance");
        }
        return register(function);
    }

    private synchronized long register(FunctionInstance function) {
        if (function.referenceId != 0) {
            return referenceOf(function);
        }
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotCount == references.length) {
                references = Arrays.copyOf(references, slotCount * 2);
                generations = Arrays.copyOf(generations, slotCount * 2);
            }
            slot = slotCount++;
        }
        references[slot] = function;
        long id = ((long) ((firstGeneration + generations[slot]) & Integer.MAX_VALUE) << 32) | (slot + 1L); // ids stay positive
        function.referenceId = id;
        return id;
    }

    /**
     * Gives back the reference ids of functions whose instance closed, so a long-lived runtime
     * that instantiates and closes modules in a loop keeps none of them reachable. The slot's
     * generation (the id's upper half) moves on, so a stale id held anywhere never names the
     * function that reuses the slot: it is refused like a forged one.
     */
    synchronized void revoke(FunctionInstance[] functions) {
        for (FunctionInstance function : functions) {
            if (function == null) {
                continue;
            }
            long id = function.referenceId;
            function.referenceId = REVOKED;
            if (id <= 0) {
                continue;
            }
            int slot = (int) id - 1;
            references[slot] = null;
            generations[slot]++;
            if (freeCount == freeSlots.length) {
                freeSlots = Arrays.copyOf(freeSlots, Math.max(16, freeCount * 2));
            }
            freeSlots[freeCount++] = slot;
        }
    }

    private volatile RecordFiller recordFiller;

    /** Installs the engine that fills function records ({@link RecordFiller}); once per store. */
    public void recordFiller(RecordFiller filler) {
        if (recordFiller != null) {
            throw new IllegalStateException("the store already has a record filler");
        }
        recordFiller = filler;
    }

    private volatile Reclaimer reclaimer = free -> false;

    /** Installs the engine that says when native state may be freed ({@link Reclaimer}). */
    public void reclaimer(Reclaimer reclaimer) {
        this.reclaimer = java.util.Objects.requireNonNull(reclaimer, "reclaimer");
    }

    /** Runs {@code free} now, or once the native calls running now have returned. */
    public void free(Runnable free) {
        if (!reclaimer.defer(free)) {
            free.run();
        }
    }

    /** {@link Reclaimer#defer}: false means free now. */
    boolean deferFree(Runnable free) {
        return reclaimer.defer(free);
    }

    /** Fills a new record through the installed {@link RecordFiller}, if there is one. */
    void fillRecord(FunctionInstance function, MemorySegment record) {
        RecordFiller filler = recordFiller;
        if (filler != null) {
            filler.fill(function, record);
        }
    }

    /** The function a {@code funcref} slot refers to, or {@code null} for the null reference. */
    public FunctionInstance function(long reference) {
        if (reference == 0) {
            return null;
        }
        FunctionInstance[] table = references;
        long slot = (reference & 0xFFFF_FFFFL) - 1;
        FunctionInstance function = slot >= 0 && slot < table.length ? table[(int) slot] : null;
        if (function == null || function.referenceId != reference) {
            throw new IllegalArgumentException("not a function reference of this runtime: " + reference);
        }
        return function;
    }

    /** A table element ({@link FunctionInstance} or {@link Long} handle) as a value slot. */
    public long toSlot(Object element) {
        return switch (element) {
            case null -> 0;
            case FunctionInstance f -> referenceOf(f);
            case Long handle -> handle;
            default -> throw new IllegalStateException("not a reference: " + element);
        };
    }

    /** A value slot of reference type {@code type} as a table element. */
    public Object fromSlot(ValueType type, long slot) {
        if (slot == 0) {
            return null;
        }
        return type == ValueType.FUNCREF ? function(slot) : (Object) slot;
    }

    void track(ModuleInstance instance) {
        live.add(instance);
    }

    void untrack(ModuleInstance instance) {
        live.remove(instance);
    }

    void track(InstanceArena arena) {
        arenas.add(arena);
    }

    void untrack(InstanceArena arena) {
        arenas.remove(arena);
    }

    /**
     * Refuses to go on while a call from Java runs in one of this store's instances: closing the
     * runtime would free what it runs on.
     *
     * @throws IllegalStateException naming the instance
     */
    public void checkNoCallRuns() {
        for (ModuleInstance instance : new ArrayList<>(live)) {
            if (instance.isRunning()) {
                String name = instance.debugName();
                throw new IllegalStateException("cannot close the runtime while a call into "
                        + (name == null ? "an instance" : "instance " + name) + " runs; interrupt it and close after it returns");
            }
        }
    }

    /** How many instances are not closed yet. */
    public int liveInstances() {
        return live.size();
    }

    /**
     * Closes every instance still open, then frees the arenas that instances whose tables
     * hold each other's functions kept alive for each other.
     */
    public void close() {
        deadlines.close();
        List<ModuleInstance> all = new ArrayList<>(live);
        all.forEach(ModuleInstance::closeNow);
        new ArrayList<>(arenas).forEach(InstanceArena::free);
    }
}
