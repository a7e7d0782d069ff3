package dev.kiln.internal.compiler.regalloc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.SpillLoad;
import dev.kiln.internal.compiler.backend.SpillStore;
import org.junit.jupiter.api.Test;

/**
 * Allocates thousands of {@link RandomPrograms} and checks each with {@link RegAllocChecker};
 * prints the spill code and moves left so the allocator's quality is visible.
 * {@code -Dkiln.regalloc.programs=N} runs N programs instead.
 */
class RandomProgramsTest {

    private static final int PROGRAMS = Integer.getInteger("kiln.regalloc.programs", 3000);

    @Test
    void everyRandomProgramAllocatesCorrectly() {
        long instructions = 0;
        long movesBefore = 0;
        long movesLeft = 0;
        long stores = 0;
        long loads = 0;
        long inLoops = 0;
        for (int seed = 0; seed < PROGRAMS; seed++) {
            MachineFunction function = RandomPrograms.generate(seed, 20 + seed % 200);
            instructions += count(function, false);
            movesBefore += count(function, true);
            RegisterAllocation allocation;
            try {
                allocation = RegisterAllocator.allocateChecked(function);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + function, e);
            }
            movesLeft += allocation.movesLeft();
            stores += allocation.spillStores();
            loads += allocation.spillLoads();
            inLoops += spillCodeInLoops(function);
        }
        System.out.printf("regalloc: %d random programs, %d instructions: %d of %d moves left, %d spill stores,"
                + " %d reloads, %d of these in loops%n", PROGRAMS, instructions, movesLeft, movesBefore, stores, loads, inLoops);
        assertTrue(movesLeft * 10 < movesBefore * 8, "hints remove a quarter of the moves (most of the rest copy a value"
                + " that stays live into an argument register): " + movesLeft + " of " + movesBefore + " left");
    }

    private static int spillCodeInLoops(MachineFunction function) {
        int count = 0;
        for (MachineBlock block : function.blocks()) {
            for (MachineInstruction instruction : block.instructions()) {
                if (block.loopDepth() > 0 && (instruction instanceof SpillLoad || instruction instanceof SpillStore)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int count(MachineFunction function, boolean movesOnly) {
        int count = 0;
        for (MachineBlock block : function.blocks()) {
            for (MachineInstruction instruction : block.instructions()) {
                if (!movesOnly || instruction.isMove()) {
                    count++;
                }
            }
        }
        return count;
    }
}
