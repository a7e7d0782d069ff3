package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Move;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.SpillLoad;
import dev.kiln.internal.compiler.backend.SpillStore;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a register allocation against the program before it, independently of how the
 * allocator works. A {@link #snapshot} keeps each instruction's registers before allocation;
 * {@link #check} then runs a forward dataflow over the allocated function in which every
 * physical register and spill slot holds the set of original registers whose current value it
 * has:
 *
 * <ul>
 *   <li>an original instruction's use of {@code v}, now in {@code p}, needs {@code v} in p's set;
 *   <li>its clobbers empty their registers; a def of {@code v} removes {@code v} from every
 *       location (older copies are stale) and makes its register hold {@code {v}}, or, for a
 *       move, the source's set plus {@code v};
 *   <li>the allocator's own moves, stores and reloads copy a set from one location to another;
 *   <li>where paths join, a location keeps what it holds on every incoming path.
 * </ul>
 *
 * At the entry each physical register holds itself (the parameters). The first violation is
 * thrown as an {@link IllegalStateException} naming the function, block, instruction and
 * registers. Also checked: the original instructions are all there in order, every register is
 * physical and of its class, assigned registers are allocatable, fixed ones unchanged, and the
 * allocator inserted only moves, stores and reloads.
 */
public final class RegAllocChecker {

    private static final int[] EMPTY = {};

    /** The registers of every instruction of a function before allocation, and where it was. */
    public static final class Snapshot {
        private final Map<MachineInstruction, Original> originals = new IdentityHashMap<>();
        private final int[] originalCounts;

        private Snapshot(MachineFunction function) {
            List<MachineBlock> blocks = function.blocks();
            originalCounts = new int[blocks.size()];
            for (MachineBlock block : blocks) {
                List<MachineInstruction> instructions = block.instructions();
                for (int i = 0; i < instructions.size(); i++) {
                    MachineInstruction instruction = instructions.get(i);
                    originals.put(instruction, new Original(block.id(), i, Operands.uses(instruction), Operands.defs(instruction)));
                }
                originalCounts[block.id()] = instructions.size();
            }
        }
    }

    private record Original(int block, int index, int[] uses, int[] defs) {}

    private final MachineFunction function;
    private final Snapshot before;
    private final int slotBase = Reg.PHYSICAL;
    private final boolean[] storedAnywhere;

    private RegAllocChecker(Snapshot before, MachineFunction function) {
        this.before = before;
        this.function = function;
        this.storedAnywhere = new boolean[function.regLimit()];
    }

    /** Keeps {@code function}'s registers as they are now, before allocation. */
    public static Snapshot snapshot(MachineFunction function) {
        return new Snapshot(function);
    }

    /** Throws {@link IllegalStateException} at the first place {@code function}'s allocation breaks its program. */
    public static void check(Snapshot before, MachineFunction function) {
        RegAllocChecker checker = new RegAllocChecker(before, function);
        for (MachineBlock block : function.blocks()) {
            checker.checkShape(block);
        }
        checker.checkValues();
    }

    private void checkShape(MachineBlock block) {
        int originals = 0;
        List<MachineInstruction> instructions = block.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            MachineInstruction instruction = instructions.get(i);
            Original original = before.originals.get(instruction);
            if (original == null) {
                requireInserted(block, i, instruction);
                continue;
            }
            if (original.block != block.id() || original.index != originals) {
                throw violation(block, i, instruction, "was instruction " + original.index + " of m" + original.block);
            }
            originals++;
            requireRenamed(block, i, instruction, original.uses, Operands.uses(instruction));
            requireRenamed(block, i, instruction, original.defs, Operands.defs(instruction));
        }
        if (originals != before.originalCounts[block.id()]) {
            throw violation(block, -1, null, "has " + originals + " of its " + before.originalCounts[block.id()]
                    + " original instructions");
        }
    }

    private void requireInserted(MachineBlock block, int i, MachineInstruction instruction) {
        boolean copy = instruction instanceof Move || instruction instanceof SpillLoad || instruction instanceof SpillStore;
        if (!copy) {
            throw violation(block, i, instruction, "was inserted by the allocator but is not a move, spill or reload");
        }
        int slot = instruction instanceof SpillLoad load ? load.slot() : instruction instanceof SpillStore store ? store.slot() : -1;
        if (!(instruction instanceof Move) && (slot < 0 || slot >= function.spillSlotCount())) {
            throw violation(block, i, instruction, "uses spill slot " + slot + " of " + function.spillSlotCount());
        }
        for (int reg : concat(Operands.uses(instruction), Operands.defs(instruction))) {
            if (!Reg.isPhysical(reg) || (AllocatableRegisters.ALL & Reg.bit(reg)) == 0) {
                throw violation(block, i, instruction, "names " + Reg.name(reg) + ", which is not allocatable");
            }
        }
    }

    private void requireRenamed(MachineBlock block, int i, MachineInstruction instruction, int[] original, int[] now) {
        for (int j = 0; j < original.length; j++) {
            int was = original[j];
            int is = now[j];
            if (Reg.isPhysical(was) ? is != was
                    : !Reg.isPhysical(is) || (AllocatableRegisters.ALL & Reg.bit(is)) == 0
                            || Reg.physicalClass(is) != function.regClass(was)) {
                throw violation(block, i, instruction, Reg.name(was) + " became " + Reg.name(is));
            }
        }
    }

    /** The dataflow to a fixed point, then one more pass that checks every use. */
    private void checkValues() {
        List<MachineBlock> blocks = function.blocks();
        int[][][] out = new int[blocks.size()][][];
        ArrayDeque<MachineBlock> work = new ArrayDeque<>(blocks);
        boolean[] queued = new boolean[blocks.size()];
        Arrays.fill(queued, true);
        while (!work.isEmpty()) {
            MachineBlock block = work.poll();
            queued[block.id()] = false;
            int[][] in = in(block, out);
            if (in == null) {
                continue;
            }
            int[][] result = transfer(block, in, false);
            if (!Arrays.deepEquals(result, out[block.id()])) {
                out[block.id()] = result;
                for (MachineBlock succ : block.successors()) {
                    if (!queued[succ.id()]) {
                        queued[succ.id()] = true;
                        work.add(succ);
                    }
                }
            }
        }
        for (MachineBlock block : blocks) {
            int[][] in = in(block, out);
            if (in != null) {
                transfer(block, in, true);
            }
        }
    }

    /** What each location holds on entry to {@code block} on every path reached so far; null if none. */
    private int[][] in(MachineBlock block, int[][][] out) {
        int[][] in = null;
        if (block.id() == 0) {
            in = new int[slotBase + function.spillSlotCount()][];
            Arrays.fill(in, EMPTY);
            for (int reg = 0; reg < Reg.PHYSICAL; reg++) {
                in[reg] = new int[] {reg};
            }
        }
        for (MachineBlock pred : block.predecessors()) {
            int[][] predOut = out[pred.id()];
            if (predOut == null) {
                continue;
            }
            if (in == null) {
                in = predOut.clone();
            } else {
                for (int loc = 0; loc < in.length; loc++) {
                    in[loc] = intersection(in[loc], predOut[loc]);
                }
            }
        }
        return in;
    }

    private int[][] transfer(MachineBlock block, int[][] in, boolean checkUses) {
        int[][] state = in.clone();
        List<MachineInstruction> instructions = block.instructions();
        for (int i = 0; i < instructions.size(); i++) {
            MachineInstruction instruction = instructions.get(i);
            Original original = before.originals.get(instruction);
            if (original == null) {
                copy(instruction, state);
                continue;
            }
            if (checkUses) {
                checkUses(block, i, instruction, original.uses, state);
            }
            int[] moved = instruction.isMove() ? state[instruction.use(0)] : null;
            for (long clobbers = instruction.clobbers(); clobbers != 0; clobbers &= clobbers - 1) {
                state[Long.numberOfTrailingZeros(clobbers)] = EMPTY;
            }
            for (int value : original.defs) {
                kill(value, state);
            }
            for (int j = 0; j < original.defs.length; j++) {
                int[] held = moved == null ? EMPTY : without(moved, original.defs[j]);
                state[instruction.def(j)] = with(held, original.defs[j]);
            }
        }
        return state;
    }

    private void checkUses(MachineBlock block, int i, MachineInstruction instruction, int[] originalUses, int[][] state) {
        for (int j = 0; j < originalUses.length; j++) {
            int reg = instruction.use(j);
            if (Arrays.binarySearch(state[reg], originalUses[j]) < 0) {
                throw violation(block, i, instruction, "reads " + Reg.name(originalUses[j]) + " from " + Reg.name(reg)
                        + ", which holds " + names(state[reg]) + " here"
                        + " (before allocation: uses " + names(originalUses) + ")");
            }
        }
    }

    /** A move, store or reload the allocator inserted: the destination holds what the source holds. */
    private void copy(MachineInstruction instruction, int[][] state) {
        if (instruction instanceof SpillStore store) {
            int[] values = state[store.use(0)];
            for (int value : values) {
                storedAnywhere[value] = true;
            }
            state[slotBase + store.slot()] = values;
        } else if (instruction instanceof SpillLoad load) {
            state[load.def(0)] = state[slotBase + load.slot()];
        } else {
            state[instruction.def(0)] = state[instruction.use(0)];
        }
    }

    /** {@code value} was redefined: every older copy is stale. Slots only hold values some store copied there. */
    private void kill(int value, int[][] state) {
        int locations = storedAnywhere[value] ? state.length : slotBase;
        for (int loc = 0; loc < locations; loc++) {
            if (Arrays.binarySearch(state[loc], value) >= 0) {
                state[loc] = without(state[loc], value);
            }
        }
    }

    private IllegalStateException violation(MachineBlock block, int i, MachineInstruction instruction, String what) {
        String where = i < 0 ? "" : " instruction " + i + " (" + instruction + ")";
        return new IllegalStateException("register allocation of " + function.name() + " is wrong: block " + block
                + where + " " + what);
    }

    private static String names(int[] regs) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < regs.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Reg.name(regs[i]));
        }
        return text.append('}').toString();
    }

    private static int[] intersection(int[] a, int[] b) {
        if (a == b) {
            return a;
        }
        int[] both = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                both[n++] = a[i];
                i++;
                j++;
            }
        }
        return n == 0 ? EMPTY : Arrays.copyOf(both, n);
    }

    private static int[] with(int[] set, int value) {
        int at = Arrays.binarySearch(set, value);
        if (at >= 0) {
            return set;
        }
        int insert = -at - 1;
        int[] result = new int[set.length + 1];
        System.arraycopy(set, 0, result, 0, insert);
        result[insert] = value;
        System.arraycopy(set, insert, result, insert + 1, set.length - insert);
        return result;
    }

    private static int[] without(int[] set, int value) {
        int at = Arrays.binarySearch(set, value);
        if (at < 0) {
            return set;
        }
        int[] result = new int[set.length - 1];
        System.arraycopy(set, 0, result, 0, at);
        System.arraycopy(set, at + 1, result, at, set.length - at - 1);
        return result;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
