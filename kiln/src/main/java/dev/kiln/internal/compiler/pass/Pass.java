package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Function;

/** One transformation of a function, in place; the function verifies before and after. */
interface Pass {

    /** The pass's name in dumps and in its golden tests' folder, e.g. {@code dead-blocks}. */
    String name();

    /** Transforms {@code function}; returns whether anything changed. */
    boolean run(Function function);
}
