package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Move;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.SpillLoad;
import dev.kiln.internal.compiler.backend.SpillStore;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final IntBuffer[] storedSlots;
    private final Set<Long> slotsHolding = new HashSet<>();

    private RegAllocChecker(Snapshot before, MachineFunction function) {
        this.before = before;
        this.function = function;
        this.storedSlots = new IntBuffer[function.regLimit()];
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

    /**
     * The dataflow to a fixed point, then one more pass that checks every use. The worklist takes
     * the earliest block in emission order first, so a loop settles before the code after it runs.
     */
    private void checkValues() {
        List<MachineBlock> blocks = function.blocks();
        LocationState[] out = new LocationState[blocks.size()];
        BitSet pending = new BitSet(blocks.size());
        pending.set(0, blocks.size());
        for (int b = pending.nextSetBit(0); b >= 0; b = pending.nextSetBit(0)) {
            pending.clear(b);
            MachineBlock block = blocks.get(b);
            LocationState in = in(block, out);
            if (in == null) {
                continue;
            }
            LocationState result = transfer(block, in, false);
            if (out[b] == null || !result.sameAs(out[b])) {
                out[b] = result;
                for (MachineBlock succ : block.successors()) {
                    pending.set(succ.id());
                }
            }
        }
        for (MachineBlock block : blocks) {
            LocationState in = in(block, out);
            if (in != null) {
                transfer(block, in, true);
            }
        }
    }

    /** What each location holds on entry to {@code block} on every path reached so far; null if none. */
    private LocationState in(MachineBlock block, LocationState[] out) {
        LocationState in = block.id() == 0 ? LocationState.entry(function.spillSlotCount()) : null;
        for (MachineBlock pred : block.predecessors()) {
            LocationState predOut = out[pred.id()];
            if (predOut == null) {
                continue;
            }
            if (in == null) {
                in = predOut.copy();
            } else {
                in.meet(predOut);
            }
        }
        return in;
    }

    private LocationState transfer(MachineBlock block, LocationState in, boolean checkUses) {
        LocationState state = in.copy();
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
            int[] moved = instruction.isMove() ? state.register(instruction.use(0)) : null;
            for (long clobbers = instruction.clobbers(); clobbers != 0; clobbers &= clobbers - 1) {
                state.setRegister(Long.numberOfTrailingZeros(clobbers), LocationState.EMPTY);
            }
            for (int value : original.defs) {
                kill(value, state);
            }
            for (int j = 0; j < original.defs.length; j++) {
                int[] held = moved == null ? LocationState.EMPTY : LocationState.without(moved, original.defs[j]);
                state.setRegister(instruction.def(j), LocationState.with(held, original.defs[j]));
            }
        }
        return state;
    }

    private void checkUses(MachineBlock block, int i, MachineInstruction instruction, int[] originalUses, LocationState state) {
        for (int j = 0; j < originalUses.length; j++) {
            int reg = instruction.use(j);
            if (!LocationState.contains(state.register(reg), originalUses[j])) {
                throw violation(block, i, instruction, "reads " + Reg.name(originalUses[j]) + " from " + Reg.name(reg)
                        + ", which holds " + names(state.register(reg)) + " here"
                        + " (before allocation: uses " + names(originalUses) + ")");
            }
        }
    }

    /** A move, store or reload the allocator inserted: the destination holds what the source holds. */
    private void copy(MachineInstruction instruction, LocationState state) {
        if (instruction instanceof SpillStore store) {
            int[] values = state.register(store.use(0));
            for (int value : values) {
                if (slotsHolding.add(((long) value << 32) | store.slot())) {
                    slotsOf(value).add(store.slot());
                }
            }
            state.setSlot(store.slot(), values);
        } else if (instruction instanceof SpillLoad load) {
            state.setRegister(load.def(0), state.slot(load.slot()));
        } else {
            state.setRegister(instruction.def(0), state.register(instruction.use(0)));
        }
    }

    /**
     * {@code value} was redefined: every older copy is stale. A slot can hold it only if a store
     * put it there, and every such store has run before (the dataflow revisits what it changes).
     */
    private void kill(int value, LocationState state) {
        for (int reg = 0; reg < Reg.PHYSICAL; reg++) {
            state.setRegister(reg, LocationState.without(state.register(reg), value));
        }
        IntBuffer slots = storedSlots[value];
        for (int i = 0; slots != null && i < slots.size(); i++) {
            int[] held = state.slot(slots.get(i));
            if (LocationState.contains(held, value)) {
                state.setSlot(slots.get(i), LocationState.without(held, value));
            }
        }
    }

    private IntBuffer slotsOf(int value) {
        if (storedSlots[value] == null) {
            storedSlots[value] = new IntBuffer();
        }
        return storedSlots[value];
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

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

}
