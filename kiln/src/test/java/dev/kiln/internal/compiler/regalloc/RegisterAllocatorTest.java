package dev.kiln.internal.compiler.regalloc;

import static dev.kiln.internal.compiler.regalloc.TestOp.call;
import static dev.kiln.internal.compiler.regalloc.TestOp.op;
import static dev.kiln.internal.compiler.regalloc.TestOp.regs;
import static dev.kiln.internal.compiler.regalloc.TestOp.terminator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Xmm;
import dev.kiln.internal.compiler.backend.Jump;
import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;
import dev.kiln.internal.compiler.backend.MachineInstruction;
import dev.kiln.internal.compiler.backend.Move;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.RegClass;
import dev.kiln.internal.compiler.backend.SpillLoad;
import dev.kiln.internal.compiler.backend.SpillStore;
import dev.kiln.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterAllocatorTest {

    static final int RAX = Reg.of(Gpr.RAX);
    static final int RCX = Reg.of(Gpr.RCX);
    static final int RDX = Reg.of(Gpr.RDX);
    static final int RDI = Reg.of(Gpr.RDI);
    static final int XMM0 = Reg.of(Xmm.XMM0);
    static final long CALLER_SAVED = AllocatableRegisters.ALL & ~AllocatableRegisters.CALLEE_SAVED;

    /** The clobbers of a call writing {@code results}: every caller-saved register but those. */
    static long callClobbers(int... results) {
        long clobbers = CALLER_SAVED;
        for (int result : results) {
            clobbers &= ~Reg.bit(result);
        }
        return clobbers;
    }

    @Test
    void straightLineMovesFromParametersAndToTheResultVanish() {
        MachineFunction f = new MachineFunction("straight");
        MachineBlock entry = f.newBlock();
        int a = f.newVirtual(RegClass.INT);
        int b = f.newVirtual(RegClass.INT);
        int c = f.newVirtual(RegClass.INT);
        entry.append(new Move(RegClass.INT, a, RCX));
        entry.append(new Move(RegClass.INT, b, RDI));
        entry.append(op("lea", regs(c), a, b));
        entry.append(op("add", regs(c), c, a));
        entry.append(new Move(RegClass.INT, RAX, c));
        entry.append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(new RegisterAllocation(0, 0, 0, 0), allocation);
        Golden.check("regalloc/straight.txt", f.toString());
    }

    @Test
    void twoAddressOperationKeepsUseAndDefInOneRegister() {
        MachineFunction f = new MachineFunction("twoAddress");
        MachineBlock entry = f.newBlock();
        int a = f.newVirtual(RegClass.INT);
        int b = f.newVirtual(RegClass.INT);
        entry.append(op("const", regs(a)));
        entry.append(op("const", regs(b)));
        MachineInstruction add = op("add", regs(a), a, b);
        entry.append(add);
        entry.append(terminator("ret", a, b));
        RegisterAllocator.allocateChecked(f);
        assertEquals(add.def(0), add.use(0));
        assertNotEquals(add.use(0), add.use(1));
    }

    @Test
    void diamondJoinsAValueDefinedOnBothArms() {
        MachineFunction f = new MachineFunction("diamond");
        MachineBlock entry = f.newBlock();
        Shapes.Diamond diamond = Shapes.diamond(f, entry);
        MachineBlock left = diamond.left();
        MachineBlock right = diamond.right();
        MachineBlock join = diamond.join();
        int x = f.newVirtual(RegClass.INT);
        int y = f.newVirtual(RegClass.INT);
        int phi = f.newVirtual(RegClass.INT);
        entry.append(new Move(RegClass.INT, x, RCX));
        entry.append(terminator("br_if", x));
        left.append(op("neg", regs(y), x));
        left.append(new Move(RegClass.INT, phi, y));
        left.append(new Jump(join));
        right.append(new Move(RegClass.INT, phi, x));
        right.append(new Jump(join));
        join.append(new Move(RegClass.INT, RAX, phi));
        join.append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(0, allocation.spillStores() + allocation.spillLoads());
        Golden.check("regalloc/diamond.txt", f.toString());
    }

    /** {@code i = 0; do { sum += i; i += 1 } while (i != n); return sum}: i and sum live around the back edge. */
    @Test
    void loopKeepsItsCarriedValuesInRegisters() {
        MachineFunction f = new MachineFunction("loop");
        Shapes.Loop loop = Shapes.loop(f);
        int n = f.newVirtual(RegClass.INT);
        int i = f.newVirtual(RegClass.INT);
        int sum = f.newVirtual(RegClass.INT);
        loop.entry().append(new Move(RegClass.INT, n, RCX));
        loop.entry().append(op("const", regs(i)));
        loop.entry().append(op("const", regs(sum)));
        loop.entry().append(new Jump(loop.body()));
        loop.body().append(op("add", regs(sum), sum, i));
        loop.body().append(op("inc", regs(i), i));
        loop.body().append(terminator("br_ne", i, n));
        loop.exit().append(new Move(RegClass.INT, RAX, sum));
        loop.exit().append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(new RegisterAllocation(0, 0, 0, 0), allocation);
        Golden.check("regalloc/loop.txt", f.toString());
    }

    /** The compile path's allocation without the report is the same allocation. */
    @Test
    void assignAllocatesAsAllocateDoes() {
        MachineFunction reported = callInLoop();
        RegisterAllocator.allocate(reported);
        MachineFunction assigned = callInLoop();
        RegisterAllocator.assign(assigned);
        assertEquals(reported.toString(), assigned.toString());
    }

    /** A loop around a call: values live across it, moves in and out of the argument and result registers. */
    private static MachineFunction callInLoop() {
        MachineFunction f = new MachineFunction("callInLoop");
        Shapes.Loop loop = Shapes.loop(f);
        int n = f.newVirtual(RegClass.INT);
        int i = f.newVirtual(RegClass.INT);
        int r = f.newVirtual(RegClass.INT);
        loop.entry().append(new Move(RegClass.INT, n, RCX));
        loop.entry().append(op("const", regs(i)));
        loop.entry().append(new Jump(loop.body()));
        loop.body().append(new Move(RegClass.INT, RCX, i));
        loop.body().append(call(callClobbers(RAX), regs(RAX), RCX));
        loop.body().append(new Move(RegClass.INT, r, RAX));
        loop.body().append(op("add", regs(i), i, r));
        loop.body().append(terminator("br_ne", i, n));
        loop.exit().append(new Move(RegClass.INT, RAX, i));
        loop.exit().append(terminator("ret", RAX));
        return f;
    }

    /** A loop calling out with two values live across the call: they take callee-saved registers. */
    @Test
    void valuesLiveAcrossACallTakeCalleeSavedRegisters() {
        MachineFunction f = callInLoop();
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(0, allocation.spillStores() + allocation.spillLoads());
        assertEquals(3, allocation.movesLeft(), "n and i live across the call: n out of rcx, i into rcx and out to rax stay:\n" + f);
        assertEquals(2, Long.bitCount(allocation.calleeSavedWritten()));
        Golden.check("regalloc/call-in-loop.txt", f.toString());
    }

    /** A shift count must be in RCX and idiv works on RAX:RDX; the moves into them vanish when they can. */
    @Test
    void fixedRegistersOfShiftAndDivideAreRespected() {
        MachineFunction f = new MachineFunction("fixed");
        MachineBlock entry = f.newBlock();
        int a = f.newVirtual(RegClass.INT);
        int count = f.newVirtual(RegClass.INT);
        int divisor = f.newVirtual(RegClass.INT);
        int quotient = f.newVirtual(RegClass.INT);
        entry.append(new Move(RegClass.INT, a, RDI));
        entry.append(new Move(RegClass.INT, count, RCX));
        entry.append(op("const", regs(divisor)));
        entry.append(new Move(RegClass.INT, RCX, count));
        entry.append(op("shl", regs(a), a, RCX));
        entry.append(new Move(RegClass.INT, RAX, a));
        entry.append(op("cqo", regs(RDX), RAX));
        entry.append(op("idiv", regs(RAX, RDX), RAX, RDX, divisor));
        entry.append(new Move(RegClass.INT, quotient, RAX));
        entry.append(new Move(RegClass.INT, RAX, quotient));
        entry.append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(1, allocation.movesLeft(), "a moves once, from rdi to rax; count is in rcx and the quotient in rax:\n" + f);
        assertEquals(Reg.bit(RDX), allocation.calleeSavedWritten(), "idiv writes rdx, which the prologue must save");
    }

    /** Twenty values live at once in a loop, more than the fourteen registers: some spill, outside the loop. */
    @Test
    void morePressureThanRegistersSpills() {
        MachineFunction f = new MachineFunction("pressure");
        Shapes.Loop loop = Shapes.loop(f);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int v = f.newVirtual(RegClass.INT);
            values.add(v);
            loop.entry().append(op("const", regs(v)));
        }
        loop.entry().append(new Jump(loop.body()));
        int acc = values.get(0);
        for (int i = 1; i < 12; i++) {
            loop.body().append(op("add", regs(acc), acc, values.get(i)));
        }
        loop.body().append(terminator("br_ne", acc, values.get(1)));
        for (int i = 12; i < 20; i++) {
            loop.exit().append(op("add", regs(acc), acc, values.get(i)));
        }
        loop.exit().append(new Move(RegClass.INT, RAX, acc));
        loop.exit().append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertTrue(allocation.spillStores() > 0, f.toString());
        assertEquals(0, spillCode(loop.body()), "the loop uses twelve values; the others spill around it:\n" + f);
        Golden.check("regalloc/pressure.txt", f.toString());
    }

    /** High pressure in a loop, one value used only after it: that one is spilled, not the loop's. */
    @Test
    void theValueUsedOnlyOutsideTheLoopIsTheOneSpilled() {
        MachineFunction f = new MachineFunction("outsideValue");
        Shapes.Loop loop = Shapes.loop(f);
        int outside = f.newVirtual(RegClass.INT);
        loop.entry().append(op("const", regs(outside)));
        List<Integer> loopValues = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            int v = f.newVirtual(RegClass.INT);
            loopValues.add(v);
            loop.entry().append(op("const", regs(v)));
        }
        loop.entry().append(new Jump(loop.body()));
        for (int v : loopValues) {
            loop.body().append(op("inc", regs(v), v));
        }
        loop.body().append(terminator("br_ne", loopValues.get(0), loopValues.get(1)));
        loop.exit().append(new Move(RegClass.INT, RAX, outside));
        loop.exit().append(terminator("ret", RAX));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(1, allocation.spillStores(), f.toString());
        assertEquals(1, allocation.spillLoads(), f.toString());
        assertEquals(0, allocation.movesLeft(), "the reload goes straight into rax:\n" + f);
        assertEquals(0, spillCode(loop.body()));
        assertTrue(loop.entry().instructions().get(1) instanceof SpillStore, "stored right after its def:\n" + f);
        assertTrue(loop.exit().instructions().get(0) instanceof SpillLoad, "reloaded before its use:\n" + f);
    }

    /** A value defined before a loop, spilled in it because of a call, is stored once, before the loop. */
    @Test
    void aValueDefinedOutsideALoopIsNeverStoredInIt() {
        MachineFunction f = new MachineFunction("storeOutside");
        Shapes.Loop loop = Shapes.loop(f);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int v = f.newVirtual(RegClass.INT);
            values.add(v);
            loop.entry().append(op("const", regs(v)));
        }
        loop.entry().append(new Jump(loop.body()));
        loop.body().append(call(callClobbers(RAX), regs(RAX)));
        for (int v : values) {
            loop.body().append(op("use", regs(), v));
        }
        loop.body().append(terminator("br_ne", values.get(0), RAX));
        loop.exit().append(terminator("ret"));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(2, allocation.spillStores(), "seven values live across a call, five callee-saved registers:\n" + f);
        for (MachineInstruction instruction : loop.body().instructions()) {
            assertTrue(!(instruction instanceof SpillStore), "no store in the loop:\n" + f);
        }
    }

    @Test
    void floatValuesTakeXmmRegistersAndCrossCallsInCalleeSavedOnes() {
        MachineFunction f = new MachineFunction("floats");
        MachineBlock entry = f.newBlock();
        int x = f.newVirtual(RegClass.FLOAT);
        int y = f.newVirtual(RegClass.FLOAT);
        int z = f.newVirtual(RegClass.FLOAT);
        entry.append(new Move(RegClass.FLOAT, x, XMM0));
        entry.append(op("sqrtsd", regs(y), x));
        entry.append(new Move(RegClass.FLOAT, XMM0, y));
        entry.append(call(callClobbers(XMM0), regs(XMM0), XMM0));
        entry.append(new Move(RegClass.FLOAT, z, XMM0));
        entry.append(op("addsd", regs(z), z, x));
        entry.append(new Move(RegClass.FLOAT, XMM0, z));
        entry.append(terminator("ret", XMM0));
        RegisterAllocation allocation = RegisterAllocator.allocateChecked(f);
        assertEquals(1, Long.bitCount(allocation.calleeSavedWritten()), "x lives across the call:\n" + f);
        assertEquals(RegClass.FLOAT, Reg.physicalClass(entry.instructions().get(1).def(0)));
        Golden.check("regalloc/floats.txt", f.toString());
    }

    @Test
    void aValueReadBeforeAnyDefIsRefused() {
        MachineFunction f = new MachineFunction("undefined");
        MachineBlock entry = f.newBlock();
        int v = f.newVirtual(RegClass.INT);
        entry.append(terminator("ret", v));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterAllocator.allocate(f));
        assertEquals("undefined: v32 is read on a path from the entry that does not define it", e.getMessage());
    }

    /** Fifteen values read by one instruction cannot all be in the fourteen registers at once. */
    @Test
    void anInstructionReadingMoreValuesThanRegistersIsRefused() {
        MachineFunction f = new MachineFunction("tooWide");
        MachineBlock entry = f.newBlock();
        int[] values = new int[15];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.newVirtual(RegClass.INT);
            entry.append(op("const", regs(values[i])));
        }
        entry.append(terminator("ret", values));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RegisterAllocator.allocate(f));
        assertTrue(e.getMessage().startsWith("tooWide: no INT register left for a reload or store of v"), e.getMessage());
    }

    private static int spillCode(MachineBlock block) {
        int count = 0;
        for (MachineInstruction instruction : block.instructions()) {
            if (instruction instanceof SpillLoad || instruction instanceof SpillStore) {
                count++;
            }
        }
        return count;
    }
}
