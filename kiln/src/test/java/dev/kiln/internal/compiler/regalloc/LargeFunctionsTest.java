package dev.kiln.internal.compiler.regalloc;

import static dev.kiln.internal.compiler.regalloc.TestOp.op;
import static dev.kiln.internal.compiler.regalloc.TestOp.regs;
import static dev.kiln.internal.compiler.regalloc.TestOp.terminator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.backend.Jump;
import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.RegClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hostile sizes of issue 9 allocate in bounded time, with no recursion on length or
 * nesting: a 50,000-value block, 10,000 blocks of random structured code, and 10,000 blocks
 * nesting 3,400 loops. Times are printed, not asserted.
 */
class LargeFunctionsTest {

    @Test
    void fiftyThousandValuesInOneBlock() {
        MachineFunction f = new MachineFunction("wide");
        MachineBlock entry = f.newBlock();
        Random random = new Random(1);
        int[] values = new int[50_000];
        for (int i = 0; i < values.length; i++) {
            RegClass regClass = i % 3 == 0 ? RegClass.FLOAT : RegClass.INT;
            values[i] = f.newVirtual(regClass);
            int first = i - 1 - random.nextInt(Math.min(i, 60) + 1);
            int second = i - 1 - random.nextInt(Math.min(i, 60) + 1);
            boolean usable = first >= 0 && second >= 0
                    && f.regClass(values[first]) == regClass && f.regClass(values[second]) == regClass;
            entry.append(usable ? op("add", regs(values[i]), values[first], values[second]) : op("const", regs(values[i])));
        }
        entry.append(terminator("ret", values[0], values[values.length - 1]));
        int instructions = entry.instructions().size();
        RegisterAllocation allocation = timed("50,000 values in one block", f);
        assertTrue(allocation.spillStores() > 0);
        assertEquals(instructions + allocation.spillStores() + allocation.spillLoads(), entry.instructions().size());
    }

    @Test
    void tenThousandBlocksOfRandomCode() {
        MachineFunction f = RandomPrograms.generate(10_000, 20_000);
        assertTrue(f.blocks().size() >= 10_000, f.blocks().size() + " blocks");
        timed(f.blocks().size() + " random blocks", f);
    }

    /**
     * <pre>
     *   entry -> p1 -> h1 -> p2 -> h2 ... -> hD -> inner -+    hD exits to eD, which
     *                  |<------- e2 <- ... eD <- hD <-----+    jumps back to h(D-1)
     *                  +-> e1: ret
     * </pre>
     * Twenty values defined at the entry are read in the innermost block, more than the registers.
     */
    @Test
    void tenThousandBlocksNestingLoopsThousandsDeep() {
        int depth = 3_400;
        MachineFunction f = new MachineFunction("deep");
        MachineBlock entry = f.newBlock();
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            values.add(f.newVirtual(RegClass.INT));
            entry.append(op("const", regs(values.getLast())));
        }
        MachineBlock[] headers = new MachineBlock[depth];
        MachineBlock previous = entry;
        for (int d = 0; d < depth; d++) {
            MachineBlock preheader = f.newBlock();
            preheader.setLoopDepth(d);
            previous.append(previous == entry ? new Jump(preheader) : terminator("br_if", values.get(d % 20)));
            previous.addSuccessor(preheader);
            headers[d] = f.newBlock();
            headers[d].setLoopDepth(d + 1);
            preheader.append(new Jump(headers[d]));
            preheader.addSuccessor(headers[d]);
            previous = headers[d];
        }
        MachineBlock inner = f.newBlock();
        inner.setLoopDepth(depth);
        previous.append(terminator("br_if", values.get(0)));
        previous.addSuccessor(inner);
        for (int v : values) {
            inner.append(op("use", regs(), v));
        }
        inner.append(new Jump(previous));
        inner.addSuccessor(previous);
        for (int d = depth - 1; d >= 0; d--) {
            MachineBlock exit = f.newBlock();
            exit.setLoopDepth(d);
            headers[d].addSuccessor(exit);
            if (d == 0) {
                exit.append(terminator("ret", values.get(1)));
            } else {
                exit.append(new Jump(headers[d - 1]));
                exit.addSuccessor(headers[d - 1]);
            }
        }
        assertTrue(f.blocks().size() >= 10_000);
        RegisterAllocation allocation = timed(f.blocks().size() + " blocks, " + depth + " loops deep", f);
        assertTrue(allocation.spillStores() > 0);
    }

    /** Allocates and checks {@code function}, printing how long each took. */
    private static RegisterAllocation timed(String what, MachineFunction function) {
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(function);
        long start = System.nanoTime();
        RegisterAllocation allocation = RegisterAllocator.allocate(function);
        long allocated = System.nanoTime();
        RegAllocChecker.check(before, function);
        long checked = System.nanoTime();
        System.out.printf("regalloc: %s: allocated in %d ms, checked in %d ms; %s%n", what,
                (allocated - start) / 1_000_000, (checked - allocated) / 1_000_000, allocation);
        return allocation;
    }
}
