package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.ControlFlow;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.Opcode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a memory's base and length reads out of loops, to the end of the preheader of the
 * outermost loop they are invariant in. Every access reads both (through the module context: two
 * loads each), so a loop over memory otherwise pays four loads an iteration before its first
 * access.
 *
 * <ul>
 *   <li>{@code memory_base} never changes (the reservation does not move): it leaves every loop
 *       whose body does not define its operand, the module context.
 *   <li>{@code memory_length} changes only through a grow, which only a call or an exit can do
 *       (see {@link BoundsChecks}): it leaves loops without {@code call}, {@code call_indirect}
 *       or {@code call_exit}.
 * </ul>
 *
 * <p>A loop's preheader is its header's one predecessor outside the loop, ending in a
 * {@code jump} to the header, which is how the frontend enters every {@code loop}; a loop entered
 * otherwise keeps its reads (and so do the loops around it). A hoisted read reuses the same read
 * at the end of its preheader (one hoisted before, or the preheader's own after its last call). Moving reads only up the dominator
 * tree, to a block that runs whenever the loop is entered, keeps them on every path that used
 * them; a read that now runs when the loop would not have run is harmless (it cannot trap).
 *
 * <p>Loops are tested by intervals of a depth-first walk of the loop tree, so a 10,000-deep nest
 * costs one walk per read up its enclosing loops and no recursion.
 */
final class LoopInvariants implements Pass {

    private LoopNesting loops;
    private Block[] preheaders;
    private boolean[] hasCalls;
    private int[] enter;
    private int[] leave;
    private Definitions definitions;

    @Override
    public boolean run(Function function) {
        loops = new LoopNesting(function);
        int blocks = function.blockIdLimit();
        List<Block> headers = new ArrayList<>();
        for (Block b : function.blocks()) {
            if (loops.isHeader(b)) {
                headers.add(b);
            }
        }
        if (headers.isEmpty()) {
            return false;
        }
        number(headers, blocks);
        findPreheaders(function, headers, blocks);
        findCalls(function, blocks);
        definitions = new Definitions(function);
        Substitution substitution = new Substitution();
        Map<Hoisted, Integer> hoisted = new HashMap<>();
        Set<Block> scanned = new HashSet<>();
        boolean changed = false;
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(), next; i != null; i = next) {
                next = i.next();
                substitution.resolveOperands(i);
                if (i.opcode() != Opcode.MEMORY_BASE && i.opcode() != Opcode.MEMORY_LENGTH) {
                    continue;
                }
                Block target = target(b, i);
                if (target == null) {
                    continue;
                }
                b.remove(i);
                changed = true;
                if (scanned.add(target)) {
                    readsAtEnd(target, hoisted);
                }
                Hoisted key = new Hoisted(target, i.opcode(), i.immediate(), i.operand(0));
                Integer earlier = hoisted.get(key);
                if (earlier != null) {
                    substitution.replace(i.result(0), earlier);
                } else {
                    target.insertBefore(target.terminator(), i);
                    hoisted.put(key, i.result(0));
                }
            }
        }
        substitution.applyTo(function);
        return changed;
    }

    /** A read at the end of a preheader: there, one per memory and context. */
    private record Hoisted(Block preheader, Opcode opcode, long memory, int context) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof Hoisted o && preheader == o.preheader && opcode == o.opcode && memory == o.memory
                    && context == o.context;
        }

        @Override
        public int hashCode() {
            return ((preheader.hashCode() * 31 + opcode.hashCode()) * 31 + Long.hashCode(memory)) * 31 + context;
        }
    }

    /** Records the reads {@code preheader} already makes after its last call, which hoisted ones can reuse. */
    private static void readsAtEnd(Block preheader, Map<Hoisted, Integer> reads) {
        for (Instruction i = preheader.terminator().prev(); i != null; i = i.prev()) {
            if (mayGrow(i)) {
                return;
            }
            if (i.opcode() == Opcode.MEMORY_BASE || i.opcode() == Opcode.MEMORY_LENGTH) {
                reads.putIfAbsent(new Hoisted(preheader, i.opcode(), i.immediate(), i.operand(0)), i.result(0));
            }
        }
    }

    /** The preheader of the outermost loop around {@code block} that {@code read} may leave, or null. */
    private Block target(Block block, Instruction read) {
        Block target = null;
        for (Block h = loops.header(block); h != null; h = loops.enclosing(h)) {
            Block preheader = preheaders[h.id()];
            if (preheader == null || read.opcode() == Opcode.MEMORY_LENGTH && hasCalls[h.id()]
                    || inLoop(definingBlock(read.operand(0)), h)) {
                break;
            }
            target = preheader;
        }
        return target;
    }

    /** Numbers the loop tree depth-first, so that loop {@code h} holds exactly the loops numbered in its interval. */
    private void number(List<Block> headers, int blocks) {
        Map<Block, List<Block>> children = new HashMap<>();
        List<Block> roots = new ArrayList<>();
        for (Block h : headers) {
            Block parent = loops.enclosing(h);
            (parent == null ? roots : children.computeIfAbsent(parent, k -> new ArrayList<>())).add(h);
        }
        enter = new int[blocks];
        leave = new int[blocks];
        int clock = 0;
        List<Block> stack = new ArrayList<>();
        List<Integer> next = new ArrayList<>(); // per stack entry: the next child to visit
        for (Block root : roots) {
            stack.add(root);
            next.add(0);
            enter[root.id()] = clock++;
            while (!stack.isEmpty()) {
                Block top = stack.getLast();
                List<Block> kids = children.getOrDefault(top, List.of());
                int k = next.getLast();
                if (k < kids.size()) {
                    next.set(next.size() - 1, k + 1);
                    Block child = kids.get(k);
                    enter[child.id()] = clock++;
                    stack.add(child);
                    next.add(0);
                } else {
                    leave[top.id()] = clock++;
                    stack.removeLast();
                    next.removeLast();
                }
            }
        }
    }

    /** Whether {@code block} (null: a value defined nowhere, as in no block) lies in loop {@code h}. */
    private boolean inLoop(Block block, Block h) {
        Block inner = block == null ? null : loops.header(block);
        return inner != null && enter[h.id()] <= enter[inner.id()] && enter[inner.id()] <= leave[h.id()];
    }

    private void findPreheaders(Function function, List<Block> headers, int blocks) {
        ControlFlow cfg = ControlFlow.of(function);
        preheaders = new Block[blocks];
        for (Block h : headers) {
            Block outside = null;
            int count = 0;
            for (Block pred : cfg.predecessors(h)) {
                if (!inLoop(pred, h)) {
                    outside = pred;
                    count++;
                }
            }
            Instruction end = outside == null ? null : outside.terminator();
            if (count == 1 && end != null && end.opcode() == Opcode.JUMP) {
                preheaders[h.id()] = outside;
            }
        }
    }

    /** Marks every loop that contains a call or an exit, which might grow a memory. */
    private void findCalls(Function function, int blocks) {
        hasCalls = new boolean[blocks];
        for (Block b : function.blocks()) {
            if (!callsOrExits(b)) {
                continue;
            }
            for (Block h = loops.header(b); h != null && !hasCalls[h.id()]; h = loops.enclosing(h)) {
                hasCalls[h.id()] = true;
            }
        }
    }

    private static boolean callsOrExits(Block b) {
        for (Instruction i = b.first(); i != null; i = i.next()) {
            if (mayGrow(i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code i} may grow a memory: a call, which may reach a {@code memory.grow}, or an exit. */
    private static boolean mayGrow(Instruction i) {
        return switch (i.opcode()) {
            case CALL, CALL_INDIRECT, CALL_EXIT -> true;
            default -> false;
        };
    }

    /** The block defining {@code value}: its instruction's (where it is now), or the block it is a parameter of. */
    private Block definingBlock(int value) {
        Instruction def = definitions.of(value);
        return def != null ? def.block() : definitions.paramBlock(value);
    }
}
