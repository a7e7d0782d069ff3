package dev.kiln.internal.validate;

/**
 * What validation learned about each defined function at no extra cost, for engines that size
 * frames up front. Indexed by defined-function number (function index minus imported functions).
 */
public final class FunctionFacts {

    private final int[] maxStackHeights;
    private final int[] maxControlDepths;

    FunctionFacts(int[] maxStackHeights, int[] maxControlDepths) {
        this.maxStackHeights = maxStackHeights;
        this.maxControlDepths = maxControlDepths;
    }

    /** Number of defined functions described. */
    public int functionCount() {
        return maxStackHeights.length;
    }

    /**
     * The most operand values the function's body holds at once (a v128 counts as one value; an
     * engine counting 64-bit slots can use twice this as a bound). Parameters and locals are not
     * included.
     */
    public int maxStackHeight(int definedFunction) {
        return maxStackHeights[definedFunction];
    }

    /** The deepest nesting of blocks, loops and ifs, the function's own frame counting as 1. */
    public int maxControlDepth(int definedFunction) {
        return maxControlDepths[definedFunction];
    }
}
