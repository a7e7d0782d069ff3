package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Dominators;
import dev.kiln.internal.compiler.ssa.Function;
import java.util.ArrayList;
import java.util.List;

/**
 * The dominator tree of a function's reachable blocks as child lists, walked in preorder with an
 * explicit stack (a nest 10,000 deep is a tree 10,000 deep).
 */
final class DominatorTree {

    /** What a walk does at each block. */
    interface Visitor {
        /** Before the blocks {@code block} dominates. */
        void enter(Block block);

        /** After them. */
        void exit(Block block);
    }

    private final Block entry;
    private final List<List<Block>> children = new ArrayList<>();

    DominatorTree(Function function) {
        ControlFlow cfg = new ControlFlow(function);
        Dominators dominators = new Dominators(cfg);
        for (int i = 0; i < function.blockIdLimit(); i++) {
            children.add(new ArrayList<>(2));
        }
        Block[] rpo = cfg.reversePostorder();
        for (int i = 1; i < rpo.length; i++) {
            children.get(dominators.immediateDominator(rpo[i]).id()).add(rpo[i]);
        }
        entry = rpo.length == 0 ? null : rpo[0];
    }

    /** Enters each reachable block, dominators first, and exits it after everything it dominates. */
    void walk(Visitor visitor) {
        if (entry == null) {
            return;
        }
        List<Block> stack = new ArrayList<>();
        List<Integer> nextChild = new ArrayList<>();
        stack.add(entry);
        nextChild.add(0);
        visitor.enter(entry);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Block b = stack.get(top);
            List<Block> kids = children.get(b.id());
            int next = nextChild.get(top);
            if (next < kids.size()) {
                nextChild.set(top, next + 1);
                Block child = kids.get(next);
                stack.add(child);
                nextChild.add(0);
                visitor.enter(child);
            } else {
                stack.removeLast();
                nextChild.removeLast();
                visitor.exit(b);
            }
        }
    }
}
