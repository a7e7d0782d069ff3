package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the blocks the entry does not reach. Their branches go with them, and with those the
 * arguments they passed, since arguments live on the edge. Nothing reachable can use a value
 * they define (the verifier's rule), so no use is left dangling.
 */
final class DeadBlocks implements Pass {

    @Override
    public boolean run(Function function) {
        ControlFlow cfg = ControlFlow.of(function);
        List<Block> reachable = new ArrayList<>();
        for (Block b : function.blocks()) {
            if (cfg.reachable(b)) {
                reachable.add(b);
            }
        }
        if (reachable.size() == function.blocks().size()) {
            return false;
        }
        function.setLayout(reachable);
        return true;
    }
}
