package dev.kiln;

import dev.kiln.internal.runtime.FunctionInstance;
import java.util.Arrays;

/** An exported function of an {@link Instance}, callable from Java. */
public final class Function {

    private final Instance owner;
    private final String name;
    private final FunctionInstance function;

    Function(Instance owner, String name, FunctionInstance function) {
        this.owner = owner;
        this.name = name;
        this.function = function;
    }

    /** The export name. */
    public String name() {
        return name;
    }

    /** The function's signature. */
    public FunctionType type() {
        return function.type();
    }

    /**
     * Calls the function.
     *
     * @param args one slot per parameter (two for v128), see {@link ValueType}
     * @return one slot per result (two for v128)
     * @throws IllegalArgumentException if the number of slots does not match the type
     * @throws TrapException if execution traps
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
        function.call(null, stack);
        return stack.length == results ? stack : Arrays.copyOf(stack, results);
    }

    /**
     * Calls the function without allocating: the arguments are read from
     * {@code stack[0..paramSlots)} and the results written over {@code stack[0..resultSlots)}
     * (the convention of {@link HostFunction}). Reuse one array for many calls.
     *
     * @param stack at least {@link FunctionType#paramSlots()} and
     *     {@link FunctionType#resultSlots()} long, whichever is larger
     * @throws IllegalArgumentException if {@code stack} is too short for the type
     * @throws TrapException if execution traps
     * @throws IllegalStateException if the instance is closed
     */
    public void callWithStack(long[] stack) {
        owner.checkOpen();
        FunctionType type = function.type();
        if (stack.length < type.paramSlots() || stack.length < type.resultSlots()) {
            throw new IllegalArgumentException(name + " " + type + " needs a stack of at least "
                    + Math.max(type.paramSlots(), type.resultSlots()) + " slots, got " + stack.length);
        }
        function.call(null, stack);
    }

    @Override
    public String toString() {
        return name + " " + function.type();
    }
}
