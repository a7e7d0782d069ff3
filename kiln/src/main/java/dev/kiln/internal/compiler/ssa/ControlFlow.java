package dev.kiln.internal.compiler.ssa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The control-flow graph of a {@link Function} as its terminators say now: successors,
 * predecessors, which blocks the entry reaches and their reverse postorder. A snapshot, computed
 * in one walk; a pass that changes branches makes a new one.
 *
 * <p>Only a block's last instruction counts, and only targets that are blocks of the function's
 * layout; the {@link Verifier} reports anything else.
 */
public final class ControlFlow {

    /** One edge: target {@code target} of {@code branch}, with the arguments it passes. */
    public record Edge(Instruction branch, int target) {}

    private static final Block[] NO_BLOCKS = {};
    private static final Edge[] NO_EDGES = {};

    private final Function function;
    // Per block id, exactly sized: passes build a graph per run, and a list per block and
    // direction was a seventh of a big module's compile.
    private final Block[][] successors;
    private final Block[][] predecessors;
    private final Edge[][] incoming;
    private final Block[] reversePostorder;
    private final int[] order;

    /**
     * The graph of {@code function} as it is now: the one built last if the layout, the blocks'
     * terminators and the branches' targets are as they were then (passes that only rewrite
     * values, most of them, share one graph), else a new one.
     */
    public static ControlFlow of(Function function) {
        ControlFlow current = function.currentFlow();
        if (current == null) {
            current = new ControlFlow(function);
            function.keepFlow(current);
        }
        return current;
    }

    /** The graph of {@code function} as it is now, built anew ({@link #of} may reuse one). */
    public ControlFlow(Function function) {
        this.function = function;
        int limit = function.blockIdLimit();
        boolean[] laidOut = new boolean[limit];
        for (Block b : function.blocks()) {
            laidOut[b.id()] = true;
        }
        int[] out = new int[limit];
        int[] in = new int[limit];
        for (Block b : function.blocks()) {
            Instruction t = b.terminator();
            for (int i = 0; t != null && i < t.targetCount(); i++) {
                Block target = t.target(i);
                if (target.function() == function && laidOut[target.id()]) {
                    out[b.id()]++;
                    in[target.id()]++;
                }
            }
        }
        successors = new Block[limit][];
        predecessors = new Block[limit][];
        incoming = new Edge[limit][];
        for (int id = 0; id < limit; id++) {
            successors[id] = out[id] == 0 ? NO_BLOCKS : new Block[out[id]];
            predecessors[id] = in[id] == 0 ? NO_BLOCKS : new Block[in[id]];
            incoming[id] = in[id] == 0 ? NO_EDGES : new Edge[in[id]];
        }
        Arrays.fill(out, 0);
        Arrays.fill(in, 0);
        for (Block b : function.blocks()) {
            Instruction t = b.terminator();
            for (int i = 0; t != null && i < t.targetCount(); i++) {
                Block target = t.target(i);
                if (target.function() == function && laidOut[target.id()]) {
                    successors[b.id()][out[b.id()]++] = target;
                    int at = in[target.id()]++;
                    predecessors[target.id()][at] = b;
                    incoming[target.id()][at] = new Edge(t, i);
                }
            }
        }
        order = new int[limit];
        Arrays.fill(order, -1);
        reversePostorder = postorder();
    }

    /**
     * Depth-first from the entry with an explicit stack (nesting 10,000 deep is valid
     * WebAssembly; recursion would overflow the Java stack), reversed.
     */
    private Block[] postorder() {
        List<Block> post = new ArrayList<>();
        Block entry = function.entry();
        if (entry == null) {
            return new Block[0];
        }
        boolean[] seen = new boolean[order.length];
        Block[] stack = new Block[order.length];
        int[] nextSuccessor = new int[order.length];
        int depth = 0;
        stack[depth++] = entry;
        seen[entry.id()] = true;
        while (depth > 0) {
            Block b = stack[depth - 1];
            Block[] succ = successors[b.id()];
            if (nextSuccessor[b.id()] < succ.length) {
                Block s = succ[nextSuccessor[b.id()]++];
                if (!seen[s.id()]) {
                    seen[s.id()] = true;
                    stack[depth++] = s;
                }
            } else {
                depth--;
                post.add(b);
            }
        }
        Block[] rpo = new Block[post.size()];
        for (int i = 0; i < rpo.length; i++) {
            rpo[i] = post.get(post.size() - 1 - i);
            order[rpo[i].id()] = i;
        }
        return rpo;
    }

    /** Whether {@code other} has the same edges, in the same order, and the same reverse postorder. */
    boolean sameAs(ControlFlow other) {
        return Arrays.deepEquals(successors, other.successors) && Arrays.deepEquals(predecessors, other.predecessors)
                && Arrays.deepEquals(incoming, other.incoming) && Arrays.equals(reversePostorder, other.reversePostorder);
    }

    /** The targets of {@code block}'s terminator, in order, repeats kept. */
    public List<Block> successors(Block block) {
        return Arrays.asList(successors[block.id()]);
    }

    /** The blocks whose terminators target {@code block}, once per edge. */
    public List<Block> predecessors(Block block) {
        return Arrays.asList(predecessors[block.id()]);
    }

    /** The edges into {@code block}: which branch, which of its targets; in the order of {@link #predecessors}. */
    public List<Edge> edgesInto(Block block) {
        return Arrays.asList(incoming[block.id()]);
    }

    /** The blocks the entry reaches, in reverse postorder (the entry first). */
    public Block[] reversePostorder() {
        return reversePostorder.clone();
    }

    /** {@code block}'s index in {@link #reversePostorder()}, or -1 if the entry does not reach it. */
    public int orderOf(Block block) {
        return order[block.id()];
    }

    /** Whether the entry reaches {@code block}. */
    public boolean reachable(Block block) {
        return order[block.id()] >= 0;
    }
}
