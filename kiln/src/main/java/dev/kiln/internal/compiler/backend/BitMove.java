package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/** The same bits between a general and an XMM register ({@code movd} or {@code movq}): a bitcast. */
public final class BitMove extends MachineInstruction {

    private final Width width;

    public BitMove(Width width, int dst, int src) {
        super(new int[] {src}, new int[] {dst});
        this.width = width;
    }

    @Override
    public void emit(Emission e) {
        var dst = Reg.physical(def(0));
        var src = Reg.physical(use(0));
        if (width == Width.W32) {
            e.assembler().movd(dst, src);
        } else {
            e.assembler().movq(dst, src);
        }
    }

    @Override
    protected String mnemonic() {
        return width == Width.W32 ? "movd" : "movq";
    }
}
