package dev.kiln;

import dev.kiln.internal.runtime.Deadline;
import dev.kiln.internal.runtime.FunctionInstance;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An exported function of an {@link Instance}, callable from Java.
 *
 * <p>A call may have a timeout ({@link #withTimeout}, by default the runtime's
 * {@link RuntimeConfig#callTimeout()}): when it passes, the call stops as
 * {@link Instance#interrupt()} would stop it.
 */
public final class Function {

    private final Instance owner;
    private final String name;
    private final FunctionInstance function;
    /** {@code null}: no timeout. */
    private final Duration timeout;

    Function(Instance owner, String name, FunctionInstance function, Duration timeout) {
        this.owner = owner;
        this.name = name;
        this.function = function;
        this.timeout = timeout;
    }

    /** The export name. */
    public String name() {
        return name;
    }

    /** The function's signature. */
    public FunctionType type() {
        return function.type();
    }

    /** The timeout of each call, if it has one. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * This function with a timeout for each call: a call still running {@code timeout} after it
     * started stops with a {@link TrapException} of kind {@link TrapKind#INTERRUPTED}, and the
     * instance stays usable. Meant for calls from Java: a timed call made by a host function
     * that expires stops the whole WebAssembly call below that host function too (see
     * {@link Instance#interrupt()}).
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public Function withTimeout(Duration timeout) {
        return new Function(owner, name, function, checkTimeout(timeout));
    }

    /** This function without a timeout, whatever the runtime's default. */
    public Function withoutTimeout() {
        return new Function(owner, name, function, null);
    }

    /**
     * Calls the function.
     *
     * @param args one slot per parameter (two for v128), see {@link ValueType}
     * @return one slot per result (two for v128)
     * @throws IllegalArgumentException if the number of slots does not match the type, or a
     *     {@code funcref} argument is not a function reference of this runtime (nor 0)
     * @throws TrapException if execution traps, is interrupted or times out
     * @throws IllegalStateException if the instance is closed
     */
    public long[] call(long... args) {
        owner.checkOpen();
        FunctionType type = function.type();
        if (args.length != type.paramSlots()) {
            throw new IllegalArgumentException(name + " " + type + " takes " + type.paramSlots()
                    + " argument slots, got " + args.length);
        }
        int results = type.resultSlots();
        long[] stack = Arrays.copyOf(args, Math.max(args.length, results));
        run(stack);
        return stack.length == results ? stack : Arrays.copyOf(stack, results);
    }

    /**
     * Calls the function without allocating: the arguments are read from
     * {@code stack[0..paramSlots)} and the results written over {@code stack[0..resultSlots)}
     * (the convention of {@link HostFunction}). Reuse one array for many calls.
     *
     * @param stack at least {@link FunctionType#paramSlots()} and
     *     {@link FunctionType#resultSlots()} long, whichever is larger
     * @throws IllegalArgumentException if {@code stack} is too short for the type, or a
     *     {@code funcref} argument is not a function reference of this runtime (nor 0)
     * @throws TrapException if execution traps, is interrupted or times out
     * @throws IllegalStateException if the instance is closed
     */
    public void callWithStack(long[] stack) {
        owner.checkOpen();
        FunctionType type = function.type();
        if (stack.length < type.paramSlots() || stack.length < type.resultSlots()) {
            throw new IllegalArgumentException(name + " " + type + " needs a stack of at least "
                    + Math.max(type.paramSlots(), type.resultSlots()) + " slots, got " + stack.length);
        }
        run(stack);
    }

    private void run(long[] stack) {
        function.checkReferenceArguments(owner.store(), stack);
        if (timeout == null) {
            function.call(null, stack);
            return;
        }
        Deadline deadline = owner.startDeadline(timeout);
        try {
            function.call(null, stack);
        } finally {
            deadline.end();
        }
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    @Override
    public String toString() {
        return name + " " + function.type();
    }
}
