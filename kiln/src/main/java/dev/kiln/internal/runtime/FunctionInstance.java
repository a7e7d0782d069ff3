package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;
import dev.kiln.internal.wasm.TypeIds;

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

    protected FunctionInstance(FunctionType type) {
        this.type = type;
        this.typeId = TypeIds.of(type);
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
