package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.SpillLoad;
import dev.kiln.internal.compiler.backend.SpillStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites every virtual register to its physical one and inserts the spill code the scan
 * decided on:
 *
 * <ul>
 *   <li>after every def of a spilled register, a store: its slot is then valid wherever the
 *       value is live, so leaving the register part needs no code, and a value defined outside a
 *       loop is never stored inside it;
 *   <li>before an instruction in a spill-slot part, a reload into the temp for each use;
 *   <li>on an edge from a spill-slot part back into a register part (a loop's back edge, where
 *       the split fell inside the loop), a reload into the register part's register: at the end
 *       of the predecessor when it has one successor, else at the start of the successor.
 * </ul>
 */
final class SpillCode {

    private final MachineFunction function;
    private final LiveInterval[] intervals;
    private final Liveness liveness;
    private final int[] blockStarts;
    private final List<List<MachineInstruction>> atStart = new ArrayList<>();
    private final List<List<MachineInstruction>> beforeTerminator = new ArrayList<>();
    private int stores;
    private int loads;

    private SpillCode(MachineFunction function, LiveInterval[] intervals, Liveness liveness, int[] blockStarts) {
        this.function = function;
        this.intervals = intervals;
        this.liveness = liveness;
        this.blockStarts = blockStarts;
        for (int b = 0; b < function.blocks().size(); b++) {
            atStart.add(new ArrayList<>());
            beforeTerminator.add(new ArrayList<>());
        }
    }

    /** Rewrites {@code function}; returns {stores, loads} inserted. */
    static int[] insert(MachineFunction function, LiveInterval[] intervals, List<LiveInterval> temps,
            Liveness liveness, int[] blockStarts) {
        SpillCode code = new SpillCode(function, intervals, liveness, blockStarts);
        code.placeEdgeReloads();
        code.rewrite(temps);
        return new int[] {code.stores, code.loads};
    }

    private void placeEdgeReloads() {
        for (MachineBlock block : function.blocks()) {
            int from = Position.gap(blockStarts[block.id()]);
            for (int reg : liveness.liveIn(block)) {
                LiveInterval interval = intervals[reg];
                if (Reg.isPhysical(reg) || interval.splitAt == LiveInterval.NOWHERE || from >= interval.splitAt) {
                    continue;
                }
                for (MachineBlock pred : block.predecessors()) {
                    int predEnd = Position.gap(blockStarts[pred.id() + 1]) - 1;
                    if (predEnd >= interval.splitAt) {
                        edgeCode(pred, block).add(reload(interval, interval.assigned));
                    }
                }
            }
        }
    }

    /** Where code for edge {@code pred -> succ} goes; critical edges are split before lowering. */
    private List<MachineInstruction> edgeCode(MachineBlock pred, MachineBlock succ) {
        List<MachineInstruction> predCode = pred.instructions();
        MachineInstruction terminator = predCode.get(predCode.size() - 1);
        if (pred.successors().size() == 1 && terminator.useCount() == 0) {
            return beforeTerminator.get(pred.id());
        }
        if (succ.predecessors().size() == 1) {
            return atStart.get(succ.id());
        }
        throw new IllegalArgumentException(function.name() + ": critical edge " + pred + " -> " + succ + " is not split");
    }

    private void rewrite(List<LiveInterval> temps) {
        temps.sort(LiveInterval.BY_START);
        int nextTemp = 0;
        for (MachineBlock block : function.blocks()) {
            List<MachineInstruction> original = new ArrayList<>(block.instructions());
            List<MachineInstruction> rewritten = block.instructions();
            rewritten.clear();
            rewritten.addAll(atStart.get(block.id()));
            for (int i = 0; i < original.size(); i++) {
                int k = blockStarts[block.id()] + i;
                int firstTemp = nextTemp;
                while (nextTemp < temps.size() && temps.get(nextTemp).tempInstruction() == k) {
                    nextTemp++;
                }
                List<LiveInterval> here = temps.subList(firstTemp, nextTemp);
                MachineInstruction instruction = original.get(i);
                for (LiveInterval temp : here) {
                    if (temp.tempReads()) {
                        rewritten.add(reload(intervals[temp.reg], temp.assigned));
                    }
                }
                if (i == original.size() - 1) {
                    rewritten.addAll(beforeTerminator.get(block.id()));
                }
                int[] virtualDefs = Operands.defs(instruction);
                rename(instruction, k, here);
                rewritten.add(instruction);
                storeDefs(virtualDefs, instruction, k, rewritten);
            }
        }
    }

    private void rename(MachineInstruction instruction, int k, List<LiveInterval> here) {
        for (int i = 0; i < instruction.useCount(); i++) {
            int reg = instruction.use(i);
            if (Reg.isVirtual(reg)) {
                instruction.setUse(i, location(reg, Position.use(k), here));
            }
        }
        for (int i = 0; i < instruction.defCount(); i++) {
            int reg = instruction.def(i);
            if (Reg.isVirtual(reg)) {
                instruction.setDef(i, location(reg, Position.def(k), here));
            }
        }
    }

    /**
     * Stores each spilled def of instruction {@code k} that is read later ({@code instruction} is
     * renamed already; {@code virtualDefs} are its defs before).
     */
    private void storeDefs(int[] virtualDefs, MachineInstruction instruction, int k, List<MachineInstruction> into) {
        for (int i = 0; i < virtualDefs.length; i++) {
            LiveInterval interval = intervals[virtualDefs[i]];
            if (Reg.isVirtual(virtualDefs[i]) && interval.slot >= 0 && interval.liveAt(Position.def(k) + 1)) {
                into.add(new SpillStore(interval.regClass, interval.slot, instruction.def(i)));
                stores++;
            }
        }
    }

    /** The physical register virtual {@code reg} is in at {@code position} of instruction {@code here}'s temps. */
    private int location(int reg, int position, List<LiveInterval> here) {
        LiveInterval interval = intervals[reg];
        if (position < interval.splitAt) {
            return interval.assigned;
        }
        for (LiveInterval temp : here) {
            if (temp.reg == reg) {
                return temp.assigned;
            }
        }
        throw new IllegalStateException(Reg.name(reg) + " has no temp at position " + position);
    }

    private SpillLoad reload(LiveInterval interval, int into) {
        loads++;
        return new SpillLoad(interval.regClass, into, interval.slot);
    }
}
