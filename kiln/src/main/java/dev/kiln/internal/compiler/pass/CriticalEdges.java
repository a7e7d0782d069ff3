package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits every critical edge: an edge from a block with several successors to a block with
 * several predecessors. A new block on the edge takes no parameters and jumps on with the edge's
 * arguments, so the moves that pass them (and any the register allocator adds) have a place
 * that runs on that edge alone.
 *
 * <p>An edge here is a transfer: a target with its arguments. The targets of one branch that
 * name the same block with the same arguments (a {@code br_table}'s cases going to one label)
 * are one transfer: the same moves, from the same place, so they share one split block instead
 * of getting one each, and {@code brif c, b1(x), b1(x)} is one successor, not two.
 */
final class CriticalEdges implements Pass {

    /** A block and the arguments passed to it. */
    private record Transfer(Block target, List<Integer> arguments) {
        static Transfer of(Instruction branch, int t) {
            List<Integer> arguments = new ArrayList<>(branch.argumentCount(t));
            for (int a = 0; a < branch.argumentCount(t); a++) {
                arguments.add(branch.argument(t, a));
            }
            return new Transfer(branch.target(t), arguments);
        }

        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof Transfer o && target == o.target && arguments.equals(o.arguments);
        }

        @Override
        public int hashCode() {
            return target.hashCode() * 31 + arguments.hashCode();
        }
    }

    @Override
    public boolean run(Function function) {
        int[] incoming = new int[function.blockIdLimit()];
        for (Block b : function.blocks()) {
            for (Transfer transfer : transfers(b).keySet()) {
                incoming[transfer.target().id()]++;
            }
        }
        boolean changed = false;
        for (Block b : List.copyOf(function.blocks())) {
            Map<Transfer, List<Integer>> transfers = transfers(b);
            if (transfers.size() < 2) {
                continue;
            }
            for (Map.Entry<Transfer, List<Integer>> e : transfers.entrySet()) {
                Transfer transfer = e.getKey();
                if (incoming[transfer.target().id()] > 1) {
                    split(function, b.terminator(), transfer, e.getValue());
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The distinct transfers of {@code block}'s terminator, each with the targets (by index) that make it. */
    private static Map<Transfer, List<Integer>> transfers(Block block) {
        Map<Transfer, List<Integer>> transfers = new LinkedHashMap<>();
        Instruction branch = block.terminator();
        for (int t = 0; branch != null && t < branch.targetCount(); t++) {
            transfers.computeIfAbsent(Transfer.of(branch, t), k -> new ArrayList<>(1)).add(t);
        }
        return transfers;
    }

    private static void split(Function function, Instruction branch, Transfer transfer, List<Integer> targets) {
        Block split = function.newBlock();
        int[] arguments = transfer.arguments().stream().mapToInt(Integer::intValue).toArray();
        split.append(Instruction.jump(transfer.target(), arguments));
        for (int t : targets) {
            branch.setTarget(t, split);
        }
    }
}
