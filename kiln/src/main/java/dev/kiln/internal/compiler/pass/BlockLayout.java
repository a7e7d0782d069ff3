package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the blocks for emission: reverse postorder, with every loop's blocks contiguous after
 * its header. Reverse postorder puts each block after its forward predecessors, so most
 * branches go forward and a {@code jump} to the next block costs nothing; a split edge's block
 * (see {@link CriticalEdges}) lands right before its target. Reverse postorder alone can place
 * a block after a loop in the middle of the loop's body (one the loop's exit reaches first);
 * keeping a loop contiguous keeps its hot code together and its back edge the only jump back.
 *
 * <p>How: the loop tree (from {@link LoopNesting}) with each loop's members, its own blocks and
 * its inner loops, in reverse postorder; the layout is the tree's preorder, walked with an
 * explicit stack. Blocks the entry does not reach keep their order at the end.
 */
final class BlockLayout implements Pass {

    @Override
    public boolean run(Function function) {
        ControlFlow cfg = ControlFlow.of(function);
        LoopNesting loops = new LoopNesting(function);
        int limit = function.blockIdLimit();
        int top = limit; // the members of the function outside loops
        List<List<Block>> members = new ArrayList<>(limit + 1);
        for (int i = 0; i <= limit; i++) {
            members.add(null);
        }
        for (Block b : cfg.reversePostorder()) {
            Block h = loops.header(b);
            if (h == b) { // the loop stands for itself in its parent, and starts its own list
                Block outer = loops.enclosing(b);
                list(members, outer == null ? top : outer.id()).add(b);
                list(members, b.id()).add(b);
            } else {
                list(members, h == null ? top : h.id()).add(b);
            }
        }
        List<Block> layout = preorder(members, top, loops);
        for (Block b : function.blocks()) {
            if (!cfg.reachable(b)) {
                layout.add(b);
            }
        }
        boolean changed = !layout.equals(function.blocks());
        function.setLayout(layout);
        return changed;
    }

    private static List<Block> list(List<List<Block>> members, int owner) {
        if (members.get(owner) == null) {
            members.set(owner, new ArrayList<>());
        }
        return members.get(owner);
    }

    /** Each list in order, a loop's header in another's list standing for the loop's own list. */
    private static List<Block> preorder(List<List<Block>> members, int top, LoopNesting loops) {
        List<Block> layout = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        owners.add(top);
        positions.add(0);
        while (!owners.isEmpty()) {
            int last = owners.size() - 1;
            int owner = owners.get(last);
            List<Block> list = members.get(owner);
            int at = positions.get(last);
            if (list == null || at == list.size()) {
                owners.removeLast();
                positions.removeLast();
                continue;
            }
            positions.set(last, at + 1);
            Block b = list.get(at);
            if (b.id() != owner && loops.isHeader(b)) {
                owners.add(b.id()); // an inner loop: lay it out whole
                positions.add(0);
            } else {
                layout.add(b);
            }
        }
        return layout;
    }
}
