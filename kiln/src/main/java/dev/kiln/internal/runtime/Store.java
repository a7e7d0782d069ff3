package dev.kiln.internal.runtime;

import dev.kiln.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything one {@link dev.kiln.Runtime} shares between its instances: limits, and the
 * numbering that turns function references into value slots.
 *
 * <p>A {@code funcref} value slot is {@code 0} for null, else the function's reference id. Ids
 * are handed out on first use only ({@code ref.func}, {@code table.get}, a funcref global or
 * result), so functions that are only ever called, directly or through tables, never take a
 * registry entry. An {@code externref} slot is the host's handle itself, {@code 0} being null.
 *
 * <p>The store also knows every {@link ModuleInstance} not yet closed, including those whose
 * instantiation trapped after its element segments ran (their functions may sit in tables of
 * other instances, so they live on until the runtime closes), and closes them in
 * {@link #close()}.
 */
public final class Store {

    private final long memoryLimitPages;
    private final int maxCallDepth;
    private volatile FunctionInstance[] references = new FunctionInstance[64];
    private int referenceCount;
    private final Set<ModuleInstance> live = ConcurrentHashMap.newKeySet();

    public Store(long memoryLimitPages, int maxCallDepth) {
        this.memoryLimitPages = memoryLimitPages;
        this.maxCallDepth = maxCallDepth;
    }

    /** The most pages any memory may have. */
    public long memoryLimitPages() {
        return memoryLimitPages;
    }

    /** The deepest WebAssembly call nesting before a stack-overflow trap. */
    public int maxCallDepth() {
        return maxCallDepth;
    }

    /** The value slot of a function reference ({@code 0} for {@code null}). */
    public long referenceOf(FunctionInstance function) {
        if (function == null) {
            return 0;
        }
        long id = function.referenceId;
        return id != 0 ? id : register(function);
    }

    private synchronized long register(FunctionInstance function) {
        if (function.referenceId == 0) {
            if (referenceCount == references.length) {
                references = Arrays.copyOf(references, referenceCount * 2);
            }
            references[referenceCount++] = function;
            function.referenceId = referenceCount;
        }
        return function.referenceId;
    }

    /** The function a {@code funcref} slot refers to, or {@code null} for the null reference. */
    public FunctionInstance function(long reference) {
        if (reference == 0) {
            return null;
        }
        FunctionInstance[] table = references;
        if (reference < 0 || reference > table.length || table[(int) reference - 1] == null) {
            throw new IllegalArgumentException("not a function reference of this runtime: " + reference);
        }
        return table[(int) reference - 1];
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

    /** How many instances are not closed yet. */
    public int liveInstances() {
        return live.size();
    }

    /** Closes every instance still open. */
    public void close() {
        List<ModuleInstance> all = new ArrayList<>(live);
        all.forEach(ModuleInstance::close);
    }
}
