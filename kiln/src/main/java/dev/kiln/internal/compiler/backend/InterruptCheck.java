package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.nativecode.ContextLayout;

/**
 * Tests the execution context's interrupt flag and leaves for Java only when it is raised:
 * {@code cmp qword [context + interruptFlag], 0; jne site}. At every function entry and loop
 * header, so a runaway loop or recursion stops within one iteration or call of an
 * {@code Instance.interrupt()}.
 */
public final class InterruptCheck extends MachineInstruction {

    public InterruptCheck(int context) {
        super(new int[] {context}, new int[0]);
    }

    @Override
    public void emit(Emission e) {
        var context = Reg.gpr(use(0));
        e.assembler().alu(dev.kiln.internal.compiler.amd64.AluOp.CMP, Width.W64,
                Mem.of(context, ContextLayout.INTERRUPT_FLAG), new Imm(0));
        e.assembler().jcc(Condition.NE, e.interruptSite(context));
    }

    @Override
    protected String mnemonic() {
        return "interrupt_check";
    }
}
