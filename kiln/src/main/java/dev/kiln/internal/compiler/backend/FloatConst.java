package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/** {@code dst = constant}: {@code xorps} for +0, else a load from the constant pool. */
public final class FloatConst extends MachineInstruction {

    private final Width width;
    private final long bits;

    public FloatConst(Width width, int dst, long bits) {
        super(new int[0], new int[] {dst});
        this.width = width;
        this.bits = bits;
    }

    @Override
    public void emit(Emission e) {
        var dst = Reg.xmm(def(0));
        if (bits == 0) {
            e.assembler().sse(dev.kiln.internal.compiler.amd64.SseOp.XORPS, dst, dst);
        } else if (width == Width.W32) {
            e.assembler().movss(dst, e.constant(bits, 0));
        } else {
            e.assembler().movsd(dst, e.constant(bits, 0));
        }
    }

    @Override
    protected String mnemonic() {
        return "fconst." + width.bits();
    }

    @Override
    protected String details() {
        return "0x" + Long.toHexString(bits);
    }
}
