package dev.kiln.internal.compiler.ssa;

import java.util.Arrays;

/**
 * The dominator tree of the reachable blocks, by the iterative algorithm of Cooper, Harvey and
 * Kennedy ("A Simple, Fast Dominance Algorithm", 2001): immediate dominators are refined in
 * reverse postorder until nothing changes, two candidates meeting at their common ancestor in
 * the tree built so far. On the reducible graphs WebAssembly's structured control flow yields it
 * settles in two passes, and it needs nothing but arrays.
 *
 * <p>{@link #dominates} is constant time: a walk of the finished tree numbers each block with
 * the interval of its subtree.
 */
public final class Dominators {

    private final ControlFlow cfg;
    private final Block[] rpo;
    private final int[] idom;   // by reverse-postorder index; the entry is its own
    private final int[] enter;  // by reverse-postorder index: the subtree's interval
    private final int[] exit;

    /** The dominators of {@code cfg}'s reachable blocks. */
    public Dominators(ControlFlow cfg) {
        this.cfg = cfg;
        this.rpo = cfg.reversePostorder();
        int n = rpo.length;
        idom = new int[n];
        Arrays.fill(idom, -1);
        if (n > 0) {
            idom[0] = 0;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = 1; b < n; b++) {
                int candidate = -1;
                for (Block p : cfg.predecessors(rpo[b])) {
                    int pred = cfg.orderOf(p);
                    if (pred < 0 || idom[pred] < 0) {
                        continue; // unreachable, or not processed yet
                    }
                    candidate = candidate < 0 ? pred : intersect(pred, candidate);
                }
                if (idom[b] != candidate) {
                    idom[b] = candidate;
                    changed = true;
                }
            }
        }
        enter = new int[n];
        exit = new int[n];
        number();
    }

    /** Walks up from both blocks to where their paths to the entry meet. */
    private int intersect(int a, int b) {
        while (a != b) {
            while (a > b) {
                a = idom[a];
            }
            while (b > a) {
                b = idom[b];
            }
        }
        return a;
    }

    /** Gives each subtree an interval [enter, exit], without recursion. */
    private void number() {
        int n = rpo.length;
        // Each block's children in ascending order, as one array of runs (a counting sort by
        // parent): boxed lists per block were most of this walk's time.
        int[] firstChild = new int[n + 1];
        for (int b = 1; b < n; b++) {
            firstChild[idom[b] + 1]++;
        }
        for (int b = 0; b < n; b++) {
            firstChild[b + 1] += firstChild[b];
        }
        int[] children = new int[Math.max(0, n - 1)];
        int[] filled = Arrays.copyOf(firstChild, n);
        for (int b = 1; b < n; b++) {
            children[filled[idom[b]]++] = b;
        }
        int[] stack = new int[n];
        int[] nextChild = new int[n];
        int depth = 0;
        int clock = 0;
        if (n > 0) {
            stack[depth++] = 0;
            enter[0] = clock++;
        }
        while (depth > 0) {
            int b = stack[depth - 1];
            if (firstChild[b] + nextChild[b] < firstChild[b + 1]) {
                int c = children[firstChild[b] + nextChild[b]++];
                enter[c] = clock++;
                stack[depth++] = c;
            } else {
                exit[b] = clock++;
                depth--;
            }
        }
    }

    /** The immediate dominator of {@code block}; {@code null} for the entry and unreachable blocks. */
    public Block immediateDominator(Block block) {
        int b = cfg.orderOf(block);
        return b <= 0 ? null : rpo[idom[b]];
    }

    /**
     * Whether every path from the entry to {@code b} passes through {@code a} (a block dominates
     * itself). False if either is unreachable.
     */
    public boolean dominates(Block a, Block b) {
        int x = cfg.orderOf(a);
        int y = cfg.orderOf(b);
        return x >= 0 && y >= 0 && enter[x] <= enter[y] && exit[y] <= exit[x];
    }
}
