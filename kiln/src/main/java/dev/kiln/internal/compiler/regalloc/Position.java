package dev.kiln.internal.compiler.regalloc;

/**
 * Positions in the linear order: instruction {@code k} (counted over the blocks in emission
 * order) owns four, so that code the allocator inserts has a place of its own:
 *
 * <pre>
 *   4k     gap before k: reloads for k's uses, reloads on an edge into the block
 *   4k+1   k reads its uses          (a value used last here is live up to 4k+2, exclusive)
 *   4k+2   k writes its defs and clobbers, so a def may take the register of a dying use
 *   4k+3   stores of k's spilled defs
 * </pre>
 *
 * Live ranges start at {@code 4k} or {@code 4k+2} only, which the splitting rules rely on.
 */
final class Position {

    private Position() {}

    static int gap(int k) {
        return 4 * k;
    }

    static int use(int k) {
        return 4 * k + 1;
    }

    static int def(int k) {
        return 4 * k + 2;
    }

    static int instruction(int position) {
        return position >> 2;
    }

    static boolean isUse(int position) {
        return (position & 3) == 1;
    }

    /** The first position after an event whose register the event still needs: a def's store reads it at 4k+3. */
    static int after(int event) {
        return isUse(event) ? event + 1 : event + 2;
    }
}
