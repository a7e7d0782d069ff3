package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Dominators;
import dev.kiln.internal.compiler.ssa.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The dominator tree of a function's reachable blocks as child lists, walked in preorder with an
 * explicit stack (a nest 10,000 deep is a tree 10,000 deep), for passes that know at each block
 * what its dominators established, in a {@link ScopedTable}.
 */
final class DominatorTree {

    private final Block entry;
    private final List<List<Block>> children = new ArrayList<>();

    DominatorTree(Function function) {
        ControlFlow cfg = ControlFlow.of(function);
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

    /**
     * Visits each reachable block, dominators first; while a block is visited, {@code scope}
     * holds what its dominators put in it and nothing that other blocks did.
     */
    void walk(ScopedTable<?, ?> scope, Consumer<Block> visit) {
        if (entry == null) {
            return;
        }
        List<Block> stack = new ArrayList<>();
        List<Integer> nextChild = new ArrayList<>();
        List<Integer> marks = new ArrayList<>();
        stack.add(entry);
        nextChild.add(0);
        marks.add(scope.mark());
        visit.accept(entry);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            List<Block> kids = children.get(stack.get(top).id());
            int next = nextChild.get(top);
            if (next < kids.size()) {
                nextChild.set(top, next + 1);
                Block child = kids.get(next);
                stack.add(child);
                nextChild.add(0);
                marks.add(scope.mark());
                visit.accept(child);
            } else {
                stack.removeLast();
                nextChild.removeLast();
                scope.restore(marks.removeLast());
            }
        }
    }
}
