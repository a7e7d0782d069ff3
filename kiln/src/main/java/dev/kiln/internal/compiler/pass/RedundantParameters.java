package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import java.util.Arrays;

/**
 * Removes the block parameters that only ever receive one value: a parameter whose every
 * incoming argument is the same value {@code x}, or the parameter itself (a loop passing it
 * around unchanged), is {@code x}; its uses read {@code x}, and it goes with its argument on
 * every branch. The frontend's SSA construction (Braun et al.) leaves many: a local read in a
 * loop gets a header parameter even when the loop never writes it.
 *
 * <p>Removing one can make others redundant: those it was passed to, which now receive
 * {@code x} there. A work list of parameters holds what to look at again, and each value keeps
 * the list of parameters it is passed to ({@link Receivers}; a replaced value's list joins its
 * replacement's), so the work is proportional to the arguments that changed, not a sweep of the
 * function per change: a nest 10,000 deep, whose redundancies resolve from the inside out, would
 * otherwise take a sweep per level.
 */
final class RedundantParameters implements Pass {

    private static final int NONE = -1;
    private static final int SEVERAL = -2;

    @Override
    public boolean run(Function function) {
        ControlFlow cfg = ControlFlow.of(function);
        Definitions definitions = new Definitions(function);
        int limit = function.valueIdLimit();
        int[] work = new int[16];
        int size = 0;
        boolean[] queued = new boolean[limit];
        Block[] rpo = cfg.reversePostorder();
        for (int r = rpo.length - 1; r > 0; r--) { // not the entry; popped in reverse postorder
            Block b = rpo[r];
            for (int p = b.paramCount() - 1; p >= 0; p--) {
                work = push(work, size++, b.param(p));
                queued[b.param(p)] = true;
            }
        }
        Receivers receivers = new Receivers(function, limit);
        Substitution substitution = new Substitution();
        boolean[] removed = new boolean[limit];
        boolean any = false;
        while (size > 0) {
            int param = work[--size];
            queued[param] = false;
            int only = onlyArgument(cfg, substitution, definitions.paramBlock(param), definitions.paramIndex(param));
            if (only < 0) {
                continue;
            }
            substitution.replace(param, only);
            removed[param] = true;
            any = true;
            for (int n = receivers.first(param); n >= 0; n = receivers.next(n)) {
                int receiver = receivers.param(n);
                if (!removed[receiver] && !queued[receiver] && cfg.reachable(definitions.paramBlock(receiver))
                        && definitions.paramBlock(receiver) != function.entry()) {
                    work = push(work, size++, receiver);
                    queued[receiver] = true;
                }
            }
            receivers.moveTo(param, only);
        }
        if (any) {
            substitution.applyTo(function);
            function.removeParams(removed);
        }
        return any;
    }

    private static int[] push(int[] work, int at, int value) {
        int[] w = at < work.length ? work : Arrays.copyOf(work, 2 * work.length);
        w[at] = value;
        return w;
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

    /**
     * For each value, the parameters it is passed to as an argument: one linked list per value
     * over one node per argument, so that handing a replaced value's list to its replacement
     * is constant time.
     */
    private static final class Receivers {
        private final int[] head;
        private final int[] tail;
        private int[] next = new int[16];
        private int[] receiver = new int[16];
        private int nodes;

        Receivers(Function function, int limit) {
            head = new int[limit];
            tail = new int[limit];
            Arrays.fill(head, -1);
            for (Block b : function.blocks()) {
                Instruction branch = b.terminator();
                for (int t = 0; branch != null && t < branch.targetCount(); t++) {
                    Block target = branch.target(t);
                    for (int a = 0; a < branch.argumentCount(t) && a < target.paramCount(); a++) {
                        add(branch.argument(t, a), target.param(a));
                    }
                }
            }
        }

        private void add(int value, int param) {
            if (nodes == next.length) {
                next = Arrays.copyOf(next, 2 * nodes);
                receiver = Arrays.copyOf(receiver, 2 * nodes);
            }
            next[nodes] = -1;
            receiver[nodes] = param;
            if (head[value] < 0) {
                head[value] = nodes;
            } else {
                next[tail[value]] = nodes;
            }
            tail[value] = nodes++;
        }

        int first(int value) {
            return head[value];
        }

        int next(int node) {
            return next[node];
        }

        int param(int node) {
            return receiver[node];
        }

        /** {@code from}'s receivers now receive {@code to}: its list joins {@code to}'s. */
        void moveTo(int from, int to) {
            if (head[from] < 0) {
                return;
            }
            if (head[to] < 0) {
                head[to] = head[from];
            } else {
                next[tail[to]] = head[from];
            }
            tail[to] = tail[from];
            head[from] = -1;
        }
    }
}
