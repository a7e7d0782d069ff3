package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;
import dev.kiln.internal.wasm.TypeIds;
import dev.kiln.ValueType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * A function that can be called: a WebAssembly function of some engine, or a host function.
 *
 * <p>Calling convention ({@link #call}): the arguments are in {@code stack[0..paramSlots)}; the
 * results are written to {@code stack[0..resultSlots)}; {@code stack.length} is at least the
 * larger of the two.
 */
public abstract class FunctionInstance {

    private final FunctionType type;
    /** {@link TypeIds#of} of {@link #type}: what {@code call_indirect} compares. */
    public final int typeId;
    /** Assigned by {@link Store#referenceOf} the first time this function becomes a value. */
    volatile long referenceId;
    /** The slots of its {@code funcref} parameters and results: what comes from Java is checked. */
    private final int[] referenceParams;
    private final int[] referenceResults;
    /** Where the function's {@link FunctionRecord} is made: its defining instance's arena. */
    private final InstanceArena arena;
    /** Made the first time a table holds the function ({@link #record()}). */
    private MemorySegment record;

    protected FunctionInstance(FunctionType type, InstanceArena arena) {
        this.type = type;
        this.typeId = TypeIds.of(type);
        this.arena = arena;
        this.referenceParams = referenceSlots(type.params());
        this.referenceResults = referenceSlots(type.results());
    }

    private static final int[] NONE = new int[0];

    private static int[] referenceSlots(List<ValueType> types) {
        if (!types.contains(ValueType.FUNCREF)) {
            return NONE;
        }
        int[] found = new int[types.size()];
        int count = 0;
        int slot = 0;
        for (ValueType t : types) {
            if (t == ValueType.FUNCREF) {
                found[count++] = slot;
            }
            slot += t.slots();
        }
        return Arrays.copyOf(found, count);
    }

    /**
     * Refuses {@code funcref} arguments in {@code stack} that are not references of
     * {@code store} (forged, stale, or another runtime's), before a call from Java.
     *
     * @throws IllegalArgumentException naming the argument
     */
    public final void checkReferenceArguments(Store store, long[] stack) {
        for (int slot : referenceParams) {
            check(store, stack[slot], "argument slot " + slot);
        }
    }

    /** Refuses {@code funcref} results a host function left in {@code stack} that are not {@code store}'s. */
    public final void checkReferenceResults(Store store, long[] stack) {
        for (int slot : referenceResults) {
            check(store, stack[slot], "result slot " + slot);
        }
    }

    private void check(Store store, long reference, String where) {
        try {
            store.function(reference);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(debugName() + ", " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The slots of its {@code funcref} parameters (in slot form), where an engine whose code holds
     * references in another form turns them at the border; shared, not to be modified.
     */
    public final int[] referenceParamSlots() {
        return referenceParams;
    }

    /** The slots of its {@code funcref} results; shared, not to be modified. */
    public final int[] referenceResultSlots() {
        return referenceResults;
    }

    /** The arena of the instance that defines this function. */
    public final InstanceArena arena() {
        return arena;
    }

    /**
     * The function's native record, made on first use: most functions never sit in a table.
     * Its code, context and reference are filled in by the store's {@link RecordFiller} when an
     * engine that runs native code installed one, else they stay 0 (nothing native calls it).
     */
    public final synchronized MemorySegment record() {
        if (record == null) {
            MemorySegment made = arena.allocate(FunctionRecord.SIZE, FunctionRecord.ALIGNMENT);
            made.set(ValueLayout.JAVA_INT, FunctionRecord.TYPE_ID, typeId);
            arena.store().fillRecord(this, made);
            record = made;
        }
        return record;
    }

    /** The function's signature. */
    public final FunctionType type() {
        return type;
    }

    /**
     * Runs the function.
     *
     * @param caller the instance whose code makes the call, or {@code null} when Java calls
     * @param stack arguments in, results out
     */
    public abstract void call(ModuleInstance caller, long[] stack);

    /** A name for stack traces and messages, for example {@code env.log}. */
    public abstract String debugName();

    @Override
    public String toString() {
        return debugName() + " " + type;
    }
}
