package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Reg;
import java.util.List;

/**
 * The registers live into and out of each block, as sorted arrays. Computed register by
 * register: from every block that reads a register before writing it, walk up the predecessors
 * until a block that writes it, marking the register live on the way (an explicit stack, so
 * loops and deep nesting cost nothing extra). The work is the total size of the live sets, with
 * no iteration to a fixed point and no bit set per block.
 */
final class Liveness {

    private static final int[] NONE = {};

    private final int[][] liveIn;
    private final int[][] liveOut;

    private Liveness(int[][] liveIn, int[][] liveOut) {
        this.liveIn = liveIn;
        this.liveOut = liveOut;
    }

    int[] liveIn(MachineBlock block) {
        return liveIn[block.id()];
    }

    int[] liveOut(MachineBlock block) {
        return liveOut[block.id()];
    }

    static Liveness of(MachineFunction function) {
        List<MachineBlock> blocks = function.blocks();
        int regs = function.regLimit();
        int[][] upwardUses = new int[regs][];
        int[][] defBlocks = new int[regs][];
        collectLocalFacts(blocks, regs, upwardUses, defBlocks);

        // (block, register) pairs, grouped by block at the end: one buffer each way rather than
        // one per block (this method was 8% of a big module's allocation, most of it those)
        IntBuffer inBlocks = new IntBuffer();
        IntBuffer inRegs = new IntBuffer();
        IntBuffer outBlocks = new IntBuffer();
        IntBuffer outRegs = new IntBuffer();
        int[] inMark = filled(blocks.size());
        int[] outMark = filled(blocks.size());
        int[] defMark = filled(blocks.size());
        int[][] preds = predecessors(blocks);
        IntBuffer stack = new IntBuffer();
        for (int reg = 0; reg < regs; reg++) {
            if (upwardUses[reg] == null) {
                continue;
            }
            for (int b : defBlocks[reg] == null ? NONE : defBlocks[reg]) {
                defMark[b] = reg;
            }
            for (int b : upwardUses[reg]) {
                inMark[b] = reg;
                stack.add(b);
            }
            while (stack.size() > 0) {
                int b = stack.get(stack.size() - 1);
                stack.truncate(stack.size() - 1);
                inBlocks.add(b);
                inRegs.add(reg);
                for (int p : preds[b]) {
                    if (outMark[p] != reg) {
                        outMark[p] = reg;
                        outBlocks.add(p);
                        outRegs.add(reg);
                    }
                    if (defMark[p] != reg && inMark[p] != reg) {
                        inMark[p] = reg;
                        stack.add(p);
                    }
                }
            }
        }
        Liveness liveness = new Liveness(sets(inBlocks, inRegs, blocks.size()), sets(outBlocks, outRegs, blocks.size()));
        liveness.requireDefinedAtEntry(function);
        return liveness;
    }

    private static int[][] predecessors(List<MachineBlock> blocks) {
        int[][] preds = new int[blocks.size()][];
        for (MachineBlock block : blocks) {
            preds[block.id()] = block.predecessors().stream().mapToInt(MachineBlock::id).toArray();
        }
        return preds;
    }

    /** Per register, the blocks that read it before writing it and the blocks that write it. */
    private static void collectLocalFacts(List<MachineBlock> blocks, int regs, int[][] upwardUses, int[][] defBlocks) {
        IntBuffer useRegs = new IntBuffer();
        IntBuffer useBlocks = new IntBuffer();
        IntBuffer defRegs = new IntBuffer();
        IntBuffer defBlocksOf = new IntBuffer();
        int[] defined = filled(regs);
        int[] used = filled(regs);
        for (MachineBlock block : blocks) {
            int b = block.id();
            for (MachineInstruction instruction : block.instructions()) {
                for (int i = 0; i < instruction.useCount(); i++) {
                    int reg = instruction.use(i);
                    if (defined[reg] != b && used[reg] != b) {
                        used[reg] = b;
                        useRegs.add(reg);
                        useBlocks.add(b);
                    }
                }
                for (int i = 0; i < instruction.defCount(); i++) {
                    int reg = instruction.def(i);
                    if (defined[reg] != b) {
                        defined[reg] = b;
                        defRegs.add(reg);
                        defBlocksOf.add(b);
                    }
                }
            }
        }
        group(useRegs, useBlocks, upwardUses);
        group(defRegs, defBlocksOf, defBlocks);
    }

    /** Buckets {@code values} by {@code keys} (a counting sort, so each bucket keeps its order). */
    private static void group(IntBuffer keys, IntBuffer values, int[][] into) {
        int[] counts = new int[into.length];
        for (int i = 0; i < keys.size(); i++) {
            counts[keys.get(i)]++;
        }
        for (int key = 0; key < into.length; key++) {
            if (counts[key] > 0) {
                into[key] = new int[counts[key]];
                counts[key] = 0;
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            int key = keys.get(i);
            into[key][counts[key]++] = values.get(i);
        }
    }

    private void requireDefinedAtEntry(MachineFunction function) {
        for (int reg : liveIn[0]) {
            if (Reg.isVirtual(reg)) {
                throw new IllegalArgumentException(function.name() + ": " + Reg.name(reg)
                        + " is read on a path from the entry that does not define it");
            }
        }
    }

    /** Each block's registers, in the order the pairs name them (ascending: registers are walked in order). */
    private static int[][] sets(IntBuffer blocks, IntBuffer regs, int blockCount) {
        int[][] sets = new int[blockCount][];
        group(blocks, regs, sets);
        for (int b = 0; b < blockCount; b++) {
            if (sets[b] == null) {
                sets[b] = NONE;
            }
        }
        return sets;
    }

    private static int[] filled(int n) {
        int[] marks = new int[n];
        java.util.Arrays.fill(marks, -1);
        return marks;
    }
}
