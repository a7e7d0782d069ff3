package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = dst op src} or {@code dst = dst op imm}: one register is both read and written
 * (x86's two-address form), so the lowering copies the first operand into {@code dst} first.
 */
public final class IntBinary extends MachineInstruction {

    private final IntOp op;
    private final Width width;
    private final boolean immediate;
    private final long imm;

    /** {@code dst = dst op src}. */
    public IntBinary(IntOp op, Width width, int dst, int src) {
        super(new int[] {dst, src}, new int[] {dst});
        this.op = op;
        this.width = width;
        this.immediate = false;
        this.imm = 0;
    }

    /** {@code dst = dst op imm}; {@code imm} fits a sign-extended 32-bit immediate. */
    public IntBinary(IntOp op, Width width, int dst, long imm) {
        super(new int[] {dst}, new int[] {dst});
        if (imm != (int) imm) {
            throw new IllegalArgumentException(imm + " does not fit an imm32");
        }
        this.op = op;
        this.width = width;
        this.immediate = true;
        this.imm = imm;
    }

    @Override
    public void emit(Emission e) {
        if (immediate) {
            op.emit(e.assembler(), width, Reg.gpr(def(0)), imm);
        } else {
            op.emit(e.assembler(), width, Reg.gpr(def(0)), Reg.gpr(use(1)));
        }
        if (op.setsZeroFlagOfResult()) {
            e.flagsSetBy(Reg.gpr(def(0)), width);
        }
    }

    @Override
    protected String mnemonic() {
        return op.mnemonic() + "." + width.bits();
    }

    @Override
    protected String details() {
        return immediate ? Long.toString(imm) : "";
    }
}
