package dev.kiln.internal.wasm;

/**
 * Walks the unreachable code after {@code unreachable}, {@code br}, {@code br_table} or
 * {@code return} up to the end of its frame, which a lowering skips: it counts the blocks the
 * skipped code opens, so that of all the {@code else}s and {@code end}s it meets, only the
 * frame's own reach the lowering.
 */
public final class UnreachableCode {

    private int depth;

    /**
     * Skips {@code op}: returns it when it is the enclosing frame's own {@code else} or
     * {@code end}, which the lowering still handles, and {@code null} for anything else.
     */
    public Op skip(Op op) {
        switch (op) {
            case BLOCK, LOOP, IF -> depth++;
            case ELSE -> {
                if (depth == 0) {
                    return op;
                }
            }
            case END -> {
                if (depth == 0) {
                    return op;
                }
                depth--;
            }
            default -> { }
        }
        return null;
    }
}
