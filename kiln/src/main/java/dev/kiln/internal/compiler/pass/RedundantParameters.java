package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;

/**
 * Removes the block parameters that only ever receive one value: a parameter whose every
 * incoming argument is the same value {@code x}, or the parameter itself (a loop passing it
 * around unchanged), is {@code x}; its uses read {@code x}, and it goes with its argument on
 * every branch. The frontend's SSA construction (Braun et al.) leaves many: a local read in a
 * loop gets a header parameter even when the loop never writes it.
 *
 * <p>Removing one can make others redundant (a nest of loops passing a local down), so sweeps
 * in reverse postorder repeat until one finds nothing. Arguments are read through the
 * substitution, so an outer header's parameter replaced in a sweep is seen by the inner headers
 * after it in the same sweep: a nest settles in one sweep and a confirming one.
 */
final class RedundantParameters implements Pass {

    private static final int NONE = -1;
    private static final int SEVERAL = -2;

    @Override
    public boolean run(Function function) {
        ControlFlow cfg = new ControlFlow(function);
        Block[] rpo = cfg.reversePostorder();
        Substitution substitution = new Substitution();
        boolean[] removed = new boolean[function.valueIdLimit()];
        boolean any = false;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : rpo) {
                for (int p = 0; p < b.paramCount() && b != function.entry(); p++) {
                    int param = b.param(p);
                    int only = removed[param] ? NONE : onlyArgument(cfg, substitution, b, p);
                    if (only >= 0) {
                        substitution.replace(param, only);
                        removed[param] = true;
                        changed = true;
                        any = true;
                    }
                }
            }
        }
        if (any) {
            substitution.applyTo(function);
            function.removeParams(removed);
        }
        return any;
    }

    /**
     * The one value other than the parameter itself that every edge into {@code block} passes as
     * parameter {@code p}; {@link #NONE} if there is none (only the parameter itself: a block
     * nothing reachable enters), {@link #SEVERAL} if edges differ.
     */
    private static int onlyArgument(ControlFlow cfg, Substitution substitution, Block block, int p) {
        int param = block.param(p);
        int only = NONE;
        for (ControlFlow.Edge edge : cfg.edgesInto(block)) {
            int argument = substitution.resolve(edge.branch().argument(edge.target(), p));
            if (argument == param || argument == only) {
                continue;
            }
            if (only != NONE) {
                return SEVERAL;
            }
            only = argument;
        }
        return only;
    }
}
