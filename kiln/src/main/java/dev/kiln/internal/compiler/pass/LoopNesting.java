package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Dominators;
import dev.kiln.internal.compiler.ssa.Function;
import java.util.Arrays;

/**
 * The loops of a function, for the register allocator's spill weights and for block layout:
 * each block's innermost loop header and its loop depth. A loop is natural: a back edge is an
 * edge {@code b → h} where {@code h} dominates {@code b}, and the loop of {@code h} is {@code h}
 * and every block that reaches a back edge's source without passing {@code h} (all dominated by
 * {@code h}). Loops sharing a header are one.
 *
 * <p>Headers are taken innermost first (last in reverse postorder first: an inner header comes
 * after the outer one). Walking back from a back edge, a block already in a loop stands for
 * that whole loop, which then nests in this one; the walk continues from the enclosing-most
 * loop found so far (a union-find with path halving), so each block is passed a few times, not
 * once per enclosing loop. No recursion: a nest 10,000 deep is fine. Irreducible cycles (no
 * header dominating them; WebAssembly makes none) are not loops here.
 */
public final class LoopNesting {

    private static final int NONE = -1;

    private final Function function;
    private final Block[] byId;
    private final int[] header;  // by block id: innermost loop header, NONE outside loops
    private final int[] parent;  // by header id: the enclosing loop's header, NONE at the top
    private final int[] depth;   // by block id

    /** The loops of {@code function} as its branches are now. */
    public LoopNesting(Function function) {
        this.function = function;
        int limit = function.blockIdLimit();
        byId = new Block[limit];
        for (Block b : function.blocks()) {
            byId[b.id()] = b;
        }
        header = new int[limit];
        parent = new int[limit];
        depth = new int[limit];
        Arrays.fill(header, NONE);
        Arrays.fill(parent, NONE);
        ControlFlow cfg = ControlFlow.of(function);
        find(cfg, new Dominators(cfg));
        for (Block b : cfg.reversePostorder()) { // an enclosing header comes first
            int h = header[b.id()];
            if (h == b.id()) {
                depth[h] = parent[h] == NONE ? 1 : depth[parent[h]] + 1;
            } else if (h != NONE) {
                depth[b.id()] = depth[h];
            }
        }
    }

    private void find(ControlFlow cfg, Dominators dominators) {
        Block[] rpo = cfg.reversePostorder();
        int[] top = new int[header.length]; // union-find: toward the outermost loop found so far
        for (Block b : rpo) {
            top[b.id()] = b.id();
        }
        int[] work = new int[rpo.length + 1];
        for (int r = rpo.length - 1; r >= 0; r--) {
            Block h = rpo[r];
            int size = 0;
            for (Block pred : cfg.predecessors(h)) {
                if (dominators.dominates(h, pred)) {
                    work = push(work, size++, pred.id());
                }
            }
            if (size == 0) {
                continue;
            }
            header[h.id()] = h.id();
            while (size > 0) {
                int b = outermost(top, work[--size]);
                if (b == h.id()) {
                    continue;
                }
                if (header[b] == NONE) {
                    header[b] = h.id();
                } else { // the header of a loop found before: it nests in this one
                    parent[b] = h.id();
                }
                top[b] = h.id();
                for (Block pred : cfg.predecessors(byId[b])) {
                    if (cfg.reachable(pred) && !(header[b] == b && dominators.dominates(byId[b], pred))) {
                        work = push(work, size++, pred.id());
                    }
                }
            }
        }
    }

    private static int[] push(int[] work, int at, int value) {
        int[] w = at < work.length ? work : Arrays.copyOf(work, 2 * work.length);
        w[at] = value;
        return w;
    }

    private static int outermost(int[] top, int b) {
        while (top[b] != b) {
            top[b] = top[top[b]];
            b = top[b];
        }
        return b;
    }

    /** The header of the innermost loop containing {@code block} (itself, if a header); null outside loops. */
    public Block header(Block block) {
        int h = header[block.id()];
        return h == NONE ? null : blockWithId(h);
    }

    /** Whether {@code block} is the header of a loop. */
    public boolean isHeader(Block block) {
        return header[block.id()] == block.id();
    }

    /** How many loops contain {@code block}: 0 outside loops. */
    public int depth(Block block) {
        return depth[block.id()];
    }

    /** The header of the loop enclosing {@code header}'s loop, or null for an outermost loop. */
    public Block enclosing(Block header) {
        int p = parent[header.id()];
        return p == NONE ? null : blockWithId(p);
    }

    private Block blockWithId(int id) {
        return byId[id];
    }

    /** One line per block in layout order: {@code b3: depth 2, loop b2 in b1}; for golden tests and dumps. */
    public String print() {
        StringBuilder out = new StringBuilder();
        for (Block b : function.blocks()) {
            out.append(b).append(": depth ").append(depth(b));
            int h = header[b.id()];
            if (h != NONE) {
                out.append(isHeader(b) ? ", header" : ", loop b" + h);
                if (parent[h] != NONE) {
                    out.append(" in b").append(parent[h]);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
