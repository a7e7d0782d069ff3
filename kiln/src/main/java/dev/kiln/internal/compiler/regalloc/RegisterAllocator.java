package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Reg;
import java.util.List;

/**
 * Gives every virtual register of a {@link MachineFunction} a physical one, in place:
 *
 * <pre>
 *   Liveness ──▶ IntervalBuilder ──▶ LinearScan ──▶ SpillCode
 *   live-in/out   ranges, events,    registers,      rename, stores after defs,
 *   per block     hints, weights     splits, slots   reloads before uses and on edges
 * </pre>
 *
 * Stateless; each call works on its own function, so compilations may run in parallel.
 * docs/compiler.md, "Register allocation", has the algorithm and the rules it relies on.
 */
public final class RegisterAllocator {

    private RegisterAllocator() {}

    /** Allocates {@code function}'s registers; see {@link RegisterAllocation} for what it reports. */
    public static RegisterAllocation allocate(MachineFunction function) {
        int[] inserted = assignCounting(function);
        return new RegisterAllocation(inserted[0], inserted[1], movesLeft(function),
                function.registersWritten() & AllocatableRegisters.CALLEE_SAVED);
    }

    /**
     * Allocates {@code function}'s registers as {@link #allocate} does, without the report: the
     * compile path's, which would otherwise walk every instruction twice more for figures only
     * the tests read (2% of a big module's compile).
     */
    public static void assign(MachineFunction function) {
        assignCounting(function);
    }

    /** The allocation; the spill stores and reloads it inserted. */
    private static int[] assignCounting(MachineFunction function) {
        List<MachineBlock> blocks = function.blocks();
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(function.name() + " has no blocks");
        }
        int[] blockStarts = blockStarts(function);
        Liveness liveness = Liveness.of(function);
        LiveInterval[] intervals = IntervalBuilder.build(function, liveness, blockStarts);
        List<LiveInterval> temps = LinearScan.run(function, intervals);
        return SpillCode.insert(function, intervals, temps, liveness, blockStarts);
    }

    /** Allocates, then checks the result with {@link RegAllocChecker}; throws if it is wrong. */
    public static RegisterAllocation allocateChecked(MachineFunction function) {
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(function);
        RegisterAllocation allocation = allocate(function);
        RegAllocChecker.check(before, function);
        return allocation;
    }

    /** The linear index of each block's first instruction; one more entry, the total. */
    private static int[] blockStarts(MachineFunction function) {
        List<MachineBlock> blocks = function.blocks();
        int[] starts = new int[blocks.size() + 1];
        for (int b = 0; b < blocks.size(); b++) {
            int size = blocks.get(b).instructions().size();
            if (size == 0) {
                throw new IllegalArgumentException(function.name() + ": block " + blocks.get(b) + " has no terminator");
            }
            starts[b + 1] = starts[b] + size;
        }
        return starts;
    }

    private static int movesLeft(MachineFunction function) {
        int moves = 0;
        for (MachineBlock block : function.blocks()) {
            for (MachineInstruction instruction : block.instructions()) {
                if (instruction.isMove() && instruction.use(0) != instruction.def(0)) {
                    moves++;
                }
            }
        }
        return moves;
    }
}
