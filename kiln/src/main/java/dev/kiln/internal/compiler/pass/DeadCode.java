package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import java.util.Arrays;
import java.util.List;

/**
 * Removes instructions without effects ({@link dev.kiln.internal.compiler.ssa.Opcode#hasEffect})
 * whose results nothing needs, and block parameters nothing needs. Mark and sweep rather than
 * use counts: a value is live if an effect reads it (a store, a call, a check, a branch's
 * condition, a return) or a live instruction does; a parameter is live if a live value reads it,
 * and then so are its arguments on every edge. A loop that passes a value around without
 * reading it thus loses the parameter, which counting uses would keep (it uses itself).
 * A load goes like anything else: its bounds check is a separate {@code trapif}, which stays.
 */
final class DeadCode implements Pass {

    @Override
    public boolean run(Function function) {
        boolean[] live = mark(function);
        boolean changed = false;
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(), next; i != null; i = next) {
                next = i.next();
                if (!i.opcode().hasEffect() && !anyLive(i, live)) {
                    b.remove(i);
                    changed = true;
                }
            }
        }
        boolean[] deadParams = new boolean[live.length];
        for (Block b : function.blocks()) {
            for (int p = 0; p < b.paramCount() && b != function.entry(); p++) {
                deadParams[b.param(p)] = !live[b.param(p)];
                changed |= deadParams[b.param(p)];
            }
        }
        function.removeParams(deadParams);
        return changed;
    }

    /** Which values are live. */
    private static boolean[] mark(Function function) {
        ControlFlow cfg = ControlFlow.of(function);
        Definitions definitions = new Definitions(function);
        int[] work = new int[16];
        int size = 0;
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                if (i.opcode().hasEffect()) {
                    work = ensure(work, size + i.operandCount());
                    for (int o = 0; o < i.operandCount(); o++) {
                        work[size++] = i.operand(o);
                    }
                }
            }
        }
        boolean[] live = new boolean[function.valueIdLimit()];
        while (size > 0) {
            int v = work[--size];
            if (live[v]) {
                continue;
            }
            live[v] = true;
            Instruction def = definitions.of(v);
            if (def != null) {
                work = ensure(work, size + def.operandCount());
                for (int o = 0; o < def.operandCount(); o++) {
                    work[size++] = def.operand(o);
                }
            } else if (definitions.paramBlock(v) != null) {
                List<ControlFlow.Edge> edges = cfg.edgesInto(definitions.paramBlock(v));
                work = ensure(work, size + edges.size());
                for (ControlFlow.Edge edge : edges) {
                    work[size++] = edge.branch().argument(edge.target(), definitions.paramIndex(v));
                }
            }
        }
        return live;
    }

    private static int[] ensure(int[] work, int size) {
        return size <= work.length ? work : Arrays.copyOf(work, Math.max(size, 2 * work.length));
    }

    private static boolean anyLive(Instruction i, boolean[] live) {
        for (int r = 0; r < i.resultCount(); r++) {
            if (live[i.result(r)]) {
                return true;
            }
        }
        return false;
    }
}
