package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = (x cond y) ? 1 : 0} for floats: {@code dst} is a general register and the
 * operands XMM ones, so writing {@code dst} first cannot disturb them.
 */
public final class FloatCompareSet extends MachineInstruction {

    private final FloatComparison comparison;

    FloatCompareSet(FloatComparison comparison, int dst, int x, int y) {
        super(new int[] {x, y}, new int[] {dst});
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        Gpr dst = Reg.gpr(def(0));
        Label done = a.newLabel();
        a.mov(Width.W32, dst, new Imm(1));
        comparison.jumpIfTrue(a, this, done);
        a.alu(AluOp.XOR, Width.W32, dst, dst);
        a.bind(done);
    }

    @Override
    protected String mnemonic() {
        return "fset";
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
