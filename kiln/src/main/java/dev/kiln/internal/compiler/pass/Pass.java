package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Function;
import java.util.Locale;

/** One transformation of a function, in place; the function verifies before and after. */
interface Pass {

    /**
     * The pass's name in dumps and in its golden tests' folder: its class's, in lower case with
     * dashes ({@code DeadBlocks} is {@code dead-blocks}).
     */
    default String name() {
        return getClass().getSimpleName().replaceAll("(?<=[a-z])(?=[A-Z])", "-").toLowerCase(Locale.ROOT);
    }

    /** Transforms {@code function}; returns whether anything changed. */
    boolean run(Function function);
}
