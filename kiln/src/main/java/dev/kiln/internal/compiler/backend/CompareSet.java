package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Width;

/** {@code dst = (a cond b) ? 1 : 0} as an i32: {@code cmp; setcc; movzx}. */
public final class CompareSet extends MachineInstruction {

    private final Comparison comparison;

    CompareSet(Comparison comparison, int dst, int[] compared) {
        super(compared, new int[] {dst});
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        comparison.emit(e.assembler(), this);
        Gpr dst = Reg.gpr(def(0));
        e.assembler().setcc(comparison.condition(), dst);
        e.assembler().movzx(Width.W32, dst, Width.W8, dst);
    }

    @Override
    protected String mnemonic() {
        return "set";
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
