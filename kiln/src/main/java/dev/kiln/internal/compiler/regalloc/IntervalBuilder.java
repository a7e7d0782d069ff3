package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Reg;
import java.util.List;

/**
 * Builds every register's {@link LiveInterval} in one backward walk over the blocks (last block
 * first, each from its terminator up), starting each block from its live-out set: a live
 * register covers the whole block until its def shortens the range; a use opens a range from the
 * block's start. Ranges therefore arrive in descending order and merge as they come. Moves give
 * hints: both sides of {@code dst = mov src} would like one register, so the move vanishes.
 */
final class IntervalBuilder {

    private final MachineFunction function;
    private final Liveness liveness;
    private final IntBuffer[] ranges;
    private final IntBuffer[] events;
    private final IntBuffer[] eventDepths;
    private final int[] hints;
    private final int[] liveMark;

    private IntervalBuilder(MachineFunction function, Liveness liveness) {
        this.function = function;
        this.liveness = liveness;
        int regs = function.regLimit();
        this.ranges = new IntBuffer[regs];
        this.events = new IntBuffer[regs];
        this.eventDepths = new IntBuffer[regs];
        this.hints = new int[regs];
        this.liveMark = new int[regs];
        java.util.Arrays.fill(hints, -1);
        java.util.Arrays.fill(liveMark, -1);
    }

    /** The intervals, indexed by register (null where a register never occurs). */
    static LiveInterval[] build(MachineFunction function, Liveness liveness, int[] blockStarts) {
        return new IntervalBuilder(function, liveness).walk(blockStarts);
    }

    private LiveInterval[] walk(int[] blockStarts) {
        List<MachineBlock> blocks = function.blocks();
        for (int b = blocks.size() - 1; b >= 0; b--) {
            MachineBlock block = blocks.get(b);
            int from = Position.gap(blockStarts[b]);
            int to = Position.gap(blockStarts[b + 1]);
            for (int reg : liveness.liveOut(block)) {
                addRange(reg, from, to);
                liveMark[reg] = b;
            }
            List<MachineInstruction> instructions = block.instructions();
            for (int i = instructions.size() - 1; i >= 0; i--) {
                visit(instructions.get(i), blockStarts[b] + i, b, from, block.loopDepth());
            }
        }
        LiveInterval[] intervals = intervals();
        noteBackEdges(intervals, blockStarts);
        return intervals;
    }

    /** Tells each virtual register live on an edge to an earlier block about it: spilling across it costs a reload. */
    private void noteBackEdges(LiveInterval[] intervals, int[] blockStarts) {
        for (MachineBlock succ : function.blocks()) {
            int succStart = Position.gap(blockStarts[succ.id()]);
            for (MachineBlock pred : succ.predecessors()) {
                int predEnd = Position.gap(blockStarts[pred.id() + 1]) - 1;
                if (predEnd < succStart) {
                    continue;
                }
                for (int reg : liveness.liveIn(succ)) {
                    if (Reg.isVirtual(reg)) {
                        intervals[reg].addBackEdge(succStart, predEnd, pred.loopDepth());
                    }
                }
            }
        }
    }

    private void visit(MachineInstruction instruction, int k, int b, int blockFrom, int depth) {
        for (int i = 0; i < instruction.defCount(); i++) {
            int reg = instruction.def(i);
            if (liveMark[reg] == b) {
                ranges[reg].set(ranges[reg].size() - 2, Position.def(k));
                liveMark[reg] = -1;
            } else {
                addRange(reg, Position.def(k), Position.def(k) + 1);
            }
            addEvent(reg, Position.def(k), depth);
        }
        for (long clobbers = instruction.clobbers(); clobbers != 0; clobbers &= clobbers - 1) {
            addRange(Long.numberOfTrailingZeros(clobbers), Position.def(k), Position.def(k) + 1);
        }
        for (int i = 0; i < instruction.useCount(); i++) {
            int reg = instruction.use(i);
            addRange(reg, blockFrom, Position.def(k));
            liveMark[reg] = b;
            addEvent(reg, Position.use(k), depth);
        }
        if (instruction.isMove()) {
            hint(instruction.def(0), instruction.use(0));
        }
    }

    /** Adds [from, to), which starts no later than every range so far (the walk goes backward). */
    private void addRange(int reg, int from, int to) {
        IntBuffer list = ranges[reg];
        if (list == null) {
            list = ranges[reg] = new IntBuffer();
        }
        int n = list.size();
        if (n > 0 && list.get(n - 2) <= to) {
            list.set(n - 2, Math.min(list.get(n - 2), from));
            list.set(n - 1, Math.max(list.get(n - 1), to));
        } else {
            list.add(from);
            list.add(to);
        }
    }

    private void addEvent(int reg, int position, int depth) {
        if (Reg.isPhysical(reg)) {
            return;
        }
        IntBuffer list = events[reg];
        if (list == null) {
            list = events[reg] = new IntBuffer();
            eventDepths[reg] = new IntBuffer();
        }
        if (list.size() == 0 || list.get(list.size() - 1) != position) {
            list.add(position);
            eventDepths[reg].add(depth);
        }
    }

    /**
     * Each side of a move between different registers prefers the other's register; a physical
     * register (fixed by the lowering) outranks a virtual one's hint, which may not get its way.
     */
    private void hint(int dst, int src) {
        if (dst != src) {
            prefer(dst, src);
            prefer(src, dst);
        }
    }

    private void prefer(int reg, int other) {
        if (Reg.isVirtual(reg) && (hints[reg] < 0 || Reg.isPhysical(other))) {
            hints[reg] = other;
        }
    }

    private LiveInterval[] intervals() {
        LiveInterval[] intervals = new LiveInterval[ranges.length];
        for (int reg = 0; reg < ranges.length; reg++) {
            if (ranges[reg] == null) {
                continue;
            }
            int[] descending = ranges[reg].toArray();
            int[] ascending = new int[descending.length];
            for (int i = 0; i < descending.length; i += 2) {
                ascending[descending.length - 2 - i] = descending[i];
                ascending[descending.length - 1 - i] = descending[i + 1];
            }
            LiveInterval interval = Reg.isPhysical(reg)
                    ? new LiveInterval(reg, Reg.physicalClass(reg), LiveInterval.Kind.FIXED, ascending, new int[0], new double[0])
                    : new LiveInterval(reg, function.regClass(reg), LiveInterval.Kind.VIRTUAL, ascending,
                            events[reg].toReversedArray(), weights(eventDepths[reg].toReversedArray()));
            interval.hint = hints[reg];
            // the buffers are copied: letting them go now keeps a huge function's peak heap lower
            ranges[reg] = null;
            events[reg] = null;
            eventDepths[reg] = null;
            if (Reg.isPhysical(reg)) {
                interval.assigned = reg;
            }
            intervals[reg] = interval;
        }
        return intervals;
    }

    private static double[] weights(int[] depths) {
        double[] weights = new double[depths.length];
        for (int i = 0; i < depths.length; i++) {
            weights[i] = LiveInterval.weight(depths[i]);
        }
        return weights;
    }
}
