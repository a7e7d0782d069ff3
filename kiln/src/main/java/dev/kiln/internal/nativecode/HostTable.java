package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;
import dev.kiln.HostFunction;
import dev.kiln.Instance;
import java.util.Arrays;

/**
 * The host functions native code of one {@link CodeArena} may call, by id. Native code calls
 * the host-call trampoline of the function's signature with the id in RBX (where a Wasm callee
 * would get its module context); the trampoline exits with that id and its own signature id,
 * and the dispatch loop finds the function here.
 *
 * <p>Both ids come from native code, so both are checked: the id must be registered, and the
 * trampoline's signature must be the function's, or the slot area the trampoline reserved
 * might be smaller than the function's parameters and results.
 *
 * <p>Reads are lock-free (a copy-on-write array); registration is rare and synchronized.
 */
final class HostTable {

    /**
     * One registered function, the instance it gets as its caller, and its slot counts and
     * {@code long[]} length precomputed for the dispatch loop.
     */
    record Entry(FunctionType type, int signatureId, HostFunction function, Instance caller, int paramSlots,
            int resultSlots, int arrayLength) {}

    private final Stubs stubs;
    private volatile Entry[] entries = new Entry[0];
    /** Ids given back, reused first, so a runtime that registers and releases in a loop stays small. */
    private int[] free = new int[0];
    private int freeCount;

    HostTable(Stubs stubs) {
        this.stubs = stubs;
    }

    /** Registers {@code function} of type {@code type}, called with {@code caller}; returns its id. */
    synchronized int register(FunctionType type, HostFunction function, Instance caller) {
        CallLayout layout = stubs.layout(type);
        Entry entry = new Entry(type, stubs.signatureId(type), function, caller, type.paramSlots(),
                type.resultSlots(), layout.slotsNeeded);
        if (freeCount > 0) {
            int id = free[--freeCount];
            Entry[] copy = entries.clone();
            copy[id] = entry;
            entries = copy;
            return id;
        }
        int id = entries.length;
        Entry[] grown = Arrays.copyOf(entries, id + 1);
        grown[id] = entry;
        entries = grown;
        return id;
    }

    /**
     * Gives {@code id} back: nothing may call it any more (the code that names it can no longer
     * run). A call of a released id fails like one of an unknown id, until the id is reused.
     */
    synchronized void unregister(int id) {
        Entry[] copy = entries.clone();
        if (id < 0 || id >= copy.length || copy[id] == null) {
            throw new IllegalArgumentException("host function " + id + " is not registered");
        }
        copy[id] = null;
        entries = copy;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, Math.max(8, 2 * freeCount));
        }
        free[freeCount++] = id;
    }

    /**
     * The function with {@code id}, reached through a trampoline of signature {@code signatureId}.
     *
     * @throws IllegalStateException if native code handed back an unknown id or the wrong trampoline
     */
    Entry get(long id, int signatureId) {
        Entry[] all = entries;
        if (id < 0 || id >= all.length) {
            throw new IllegalStateException("native code called unknown host function " + id);
        }
        Entry entry = all[(int) id];
        if (entry == null) {
            throw new IllegalStateException("native code called released host function " + id);
        }
        if (entry.signatureId != signatureId) {
            throw new IllegalStateException("host function " + id + " of type " + entry.type
                    + " was called through the trampoline of another signature");
        }
        return entry;
    }
}
