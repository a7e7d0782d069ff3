package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * RDX = the high half of the dividend in RAX: its sign ({@code cdq}/{@code cqo}) for a signed
 * division, 0 for an unsigned one.
 */
public final class DividendHigh extends MachineInstruction {

    private final Width width;
    private final boolean signed;

    public DividendHigh(Width width, boolean signed) {
        super(new int[] {Reg.of(Gpr.RAX)}, new int[] {Reg.of(Gpr.RDX)});
        this.width = width;
        this.signed = signed;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        if (!signed) {
            a.alu(AluOp.XOR, Width.W32, Gpr.RDX, Gpr.RDX);
        } else if (width == Width.W64) {
            a.cqo();
        } else {
            a.cdq();
        }
    }

    @Override
    protected String mnemonic() {
        return (signed ? "sign" : "zero") + "-extend-dividend." + width.bits();
    }
}
