package dev.kiln.internal.runtime;

import dev.kiln.FunctionType;

/**
 * A function that can be called: a WebAssembly function of some engine, or a host function.
 *
 * <p>Calling convention ({@link #call}): the arguments are in {@code stack[0..paramSlots)}; the
 * results are written to {@code stack[0..resultSlots)}; {@code stack.length} is at least the
 * larger of the two.
 */
public abstract class FunctionInstance {

    private final FunctionType type;
    /** Assigned by {@link Store#referenceOf} the first time this function becomes a value. */
    volatile long referenceId;

    protected FunctionInstance(FunctionType type) {
        this.type = type;
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
