package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.UnaryOp;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.Locale;

/** {@code dst = op dst} for {@code neg} and {@code not}: read and written in place. */
public final class IntUnary extends MachineInstruction {

    private final UnaryOp op;
    private final Width width;

    public IntUnary(UnaryOp op, Width width, int dst) {
        super(new int[] {dst}, new int[] {dst});
        if (op != UnaryOp.NEG && op != UnaryOp.NOT) {
            throw new IllegalArgumentException(op + " is not neg or not");
        }
        this.op = op;
        this.width = width;
    }

    @Override
    public void emit(Emission e) {
        e.assembler().unary(op, width, Reg.gpr(def(0)));
    }

    @Override
    protected String mnemonic() {
        return op.name().toLowerCase(Locale.ROOT) + "." + width.bits();
    }
}
