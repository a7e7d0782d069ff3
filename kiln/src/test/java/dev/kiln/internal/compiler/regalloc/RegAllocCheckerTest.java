package dev.kiln.internal.compiler.regalloc;

import static dev.kiln.internal.compiler.regalloc.RegisterAllocatorTest.callClobbers;
import static dev.kiln.internal.compiler.regalloc.TestOp.call;
import static dev.kiln.internal.compiler.regalloc.TestOp.op;
import static dev.kiln.internal.compiler.regalloc.TestOp.regs;
import static dev.kiln.internal.compiler.regalloc.TestOp.terminator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made allocations, right and wrong: the checker accepts the first and names the fault in the others. */
class RegAllocCheckerTest {

    private static final int RAX = Reg.of(Gpr.RAX);
    private static final int RCX = Reg.of(Gpr.RCX);
    private static final int RDX = Reg.of(Gpr.RDX);
    private static final int RSI = Reg.of(Gpr.RSI);
    private static final int RDI = Reg.of(Gpr.RDI);
    private static final int RSP = Reg.of(Gpr.RSP);
    private static final int R12 = Reg.of(Gpr.R12);

    private final MachineFunction f = new MachineFunction("f");
    private final MachineBlock entry = f.newBlock();
    private final int a = f.newVirtual(RegClass.INT);
    private final int b = f.newVirtual(RegClass.INT);

    /** {@code a = const; b = const; a = add a, b; ret a, b}, with a and b in the given registers. */
    private RegAllocChecker.Snapshot addProgram(int aReg, int bReg) {
        entry.append(op("const", regs(a)));
        entry.append(op("const", regs(b)));
        entry.append(op("add", regs(a), a, b));
        entry.append(terminator("ret", a, b));
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(f);
        rename(entry.instructions(), a, aReg);
        rename(entry.instructions(), b, bReg);
        return before;
    }

    /** {@code a = const; call; ret a}: a lives across a call. */
    private RegAllocChecker.Snapshot callProgram() {
        entry.append(op("const", regs(a)));
        entry.append(call(callClobbers(RAX), regs(RAX)));
        entry.append(terminator("ret", a));
        return RegAllocChecker.snapshot(f);
    }

    /**
     * {@link #callProgram} with a in rsi, stored after its def into {@code storeSlot} (none if
     * negative) and reloaded from {@code reloadSlot} into {@code reloadInto} after the call.
     */
    private RegAllocChecker.Snapshot spilledAroundCall(int storeSlot, int reloadSlot, int reloadInto) {
        RegAllocChecker.Snapshot before = callProgram();
        rename(entry.instructions(), a, RSI);
        f.newSpillSlot();
        f.newSpillSlot();
        if (storeSlot >= 0) {
            entry.instructions().add(1, new SpillStore(RegClass.INT, storeSlot, RSI));
        }
        entry.instructions().add(entry.instructions().size() - 1, new SpillLoad(RegClass.INT, reloadInto, reloadSlot));
        return before;
    }

    @Test
    void acceptsARightAllocation() {
        RegAllocChecker.check(addProgram(RSI, RDI), f);
    }

    @Test
    void acceptsASpillAroundACall() {
        RegAllocChecker.check(spilledAroundCall(0, 0, RSI), f);
    }

    @Test
    void rejectsTwoLiveValuesInOneRegister() {
        assertRejected(addProgram(RSI, RSI),
                "block m0 instruction 2 (rsi = add rsi, rsi) reads v32 from rsi, which holds {v33} here (before allocation: uses {v32, v33})");
    }

    @Test
    void rejectsAValueClobberedByACall() {
        RegAllocChecker.Snapshot before = callProgram();
        rename(entry.instructions(), a, RSI);
        assertRejected(before, "block m0 instruction 2 (ret rsi) reads v32 from rsi, which holds {} here (before allocation: uses {v32})");
    }

    @Test
    void rejectsAReloadWithoutAStore() {
        assertRejected(spilledAroundCall(-1, 0, RSI),
                "block m0 instruction 3 (ret rsi) reads v32 from rsi, which holds {} here (before allocation: uses {v32})");
    }

    @Test
    void rejectsAReloadFromTheWrongSlot() {
        assertRejected(spilledAroundCall(0, 1, RSI),
                "block m0 instruction 4 (ret rsi) reads v32 from rsi, which holds {} here (before allocation: uses {v32})");
    }

    @Test
    void rejectsAReloadIntoTheWrongRegister() {
        assertRejected(spilledAroundCall(0, 0, RDI),
                "block m0 instruction 4 (ret rsi) reads v32 from rsi, which holds {} here (before allocation: uses {v32})");
    }

    /** The slot holds a's first value; a is redefined but not stored again, so the reload is stale. */
    @Test
    void rejectsAStaleReloadAfterARedefinition() {
        entry.append(op("const", regs(a)));
        entry.append(op("inc", regs(a), a));
        entry.append(call(callClobbers(RAX), regs(RAX)));
        entry.append(terminator("ret", a));
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(f);
        rename(entry.instructions(), a, RSI);
        f.newSpillSlot();
        entry.instructions().add(1, new SpillStore(RegClass.INT, 0, RSI));
        entry.instructions().add(4, new SpillLoad(RegClass.INT, RSI, 0));
        assertRejected(before, "block m0 instruction 5 (ret rsi) reads v32 from rsi, which holds {} here (before allocation: uses {v32})");
    }

    /** a is in rsi on one arm of a diamond and in rdi on the other: at the join it is in neither. */
    @Test
    void rejectsAValueInDifferentRegistersOnJoiningPaths() {
        Shapes.Diamond diamond = Shapes.diamond(f, entry);
        MachineBlock left = diamond.left();
        MachineBlock right = diamond.right();
        MachineBlock join = diamond.join();
        entry.append(op("const", regs(a)));
        entry.append(terminator("br_if", a));
        left.append(new Jump(join));
        right.append(new Jump(join));
        join.append(terminator("ret", a));
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(f);
        for (MachineBlock block : f.blocks()) {
            rename(block.instructions(), a, RSI);
        }
        right.instructions().add(0, new Move(RegClass.INT, RDI, RSI));
        join.instructions().getFirst().setUse(0, RDI);
        assertRejected(before, "block m3 instruction 0 (ret rdi) reads v32 from rdi, which holds {} here (before allocation: uses {v32})");
    }

    @Test
    void rejectsAStackPointerOrAWrongClass() {
        RegAllocChecker.Snapshot before = addProgram(RSP, RDI);
        assertRejected(before, "block m0 instruction 0 (rsp = const) v32 became rsp");
        entry.instructions().forEach(i -> rename(List.of(i), RSP, Reg.of(Xmm.XMM1)));
        assertRejected(before, "block m0 instruction 0 (xmm1 = const) v32 became xmm1");
    }

    @Test
    void rejectsAFixedRegisterRenamed() {
        entry.append(new Move(RegClass.INT, a, RCX));
        entry.append(terminator("ret", a));
        RegAllocChecker.Snapshot before = RegAllocChecker.snapshot(f);
        entry.instructions().get(0).setUse(0, RDX);
        entry.instructions().get(0).setDef(0, RDX);
        entry.instructions().get(1).setUse(0, RDX);
        assertRejected(before, "block m0 instruction 0 (rdx = mov rdx) rcx became rdx");
    }

    @Test
    void rejectsInsertedCodeOtherThanCopies() {
        RegAllocChecker.Snapshot before = addProgram(RSI, RDI);
        entry.instructions().add(0, op("inc", regs(R12), R12));
        assertRejected(before, "block m0 instruction 0 (r12 = inc r12) was inserted by the allocator but is not a move, spill or reload");
    }

    @Test
    void rejectsAMissingOrReorderedInstruction() {
        RegAllocChecker.Snapshot before = addProgram(RSI, RDI);
        MachineInstruction first = entry.instructions().removeFirst();
        assertRejected(before, "block m0 instruction 0 (rdi = const) was instruction 1 of m0");
        entry.instructions().addFirst(first);
        entry.instructions().removeLast();
        assertRejected(before, "block m0 has 3 of its 4 original instructions");
    }

    @Test
    void rejectsASlotTheFrameDoesNotHave() {
        RegAllocChecker.Snapshot before = addProgram(RSI, RDI);
        entry.instructions().add(1, new SpillStore(RegClass.INT, 0, RSI));
        assertRejected(before, "block m0 instruction 1 (spill slot0 rsi) uses spill slot 0 of 0");
    }

    private void assertRejected(RegAllocChecker.Snapshot before, String what) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RegAllocChecker.check(before, f));
        assertEquals("register allocation of f is wrong: " + what, e.getMessage());
    }

    private static void rename(List<MachineInstruction> instructions, int from, int to) {
        for (MachineInstruction instruction : instructions) {
            for (int i = 0; i < instruction.useCount(); i++) {
                if (instruction.use(i) == from) {
                    instruction.setUse(i, to);
                }
            }
            for (int i = 0; i < instruction.defCount(); i++) {
                if (instruction.def(i) == from) {
                    instruction.setDef(i, to);
                }
            }
        }
    }
}
