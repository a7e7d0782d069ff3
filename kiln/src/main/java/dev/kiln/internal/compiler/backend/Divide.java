package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.UnaryOp;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code div}/{@code idiv}: RDX:RAX divided by {@code divisor}; quotient in RAX, remainder in
 * RDX. The lowering fills RAX and RDX first ({@link DividendHigh}), so both are uses here and
 * the divisor never shares them. The frontend's checks rule out a zero divisor and a signed
 * quotient that overflows; a signed remainder by -1 is 0 (x86 would fault on {@code MIN % -1}),
 * so that case skips the instruction.
 */
public final class Divide extends MachineInstruction {

    private final Width width;
    private final boolean signed;
    private final boolean remainder;

    public Divide(Width width, boolean signed, boolean remainder, int divisor) {
        super(new int[] {Reg.of(Gpr.RAX), Reg.of(Gpr.RDX), divisor}, new int[] {Reg.of(Gpr.RAX), Reg.of(Gpr.RDX)});
        this.width = width;
        this.signed = signed;
        this.remainder = remainder;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        Gpr divisor = Reg.gpr(use(2));
        if (signed && remainder) {
            Label divide = a.newLabel();
            Label done = a.newLabel();
            a.alu(AluOp.CMP, width, divisor, new Imm(-1));
            a.jcc(dev.kiln.internal.compiler.amd64.Condition.NE, divide);
            a.alu(AluOp.XOR, Width.W32, Gpr.RDX, Gpr.RDX);
            a.jmp(done);
            a.bind(divide);
            a.unary(UnaryOp.IDIV, width, divisor);
            a.bind(done);
        } else {
            a.unary(signed ? UnaryOp.IDIV : UnaryOp.DIV, width, divisor);
        }
    }

    @Override
    protected String mnemonic() {
        return (signed ? "idiv." : "div.") + width.bits();
    }
}
