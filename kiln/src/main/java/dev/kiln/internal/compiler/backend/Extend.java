package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = extend(src)}: the low {@code from} bits of {@code src}, zero- or sign-extended to
 * {@code to} bits ({@code movzx}, {@code movsx}, {@code movsxd}, or a 32-bit {@code mov}, which
 * zero-extends to 64).
 */
public final class Extend extends MachineInstruction {

    private final Width from;
    private final Width to;
    private final boolean signed;

    public Extend(Width from, Width to, boolean signed, int dst, int src) {
        super(new int[] {src}, new int[] {dst});
        this.from = from;
        this.to = to;
        this.signed = signed;
    }

    @Override
    public void emit(Emission e) {
        var dst = Reg.gpr(def(0));
        var src = Reg.gpr(use(0));
        if (from == Width.W32 && !signed) {
            e.assembler().mov(Width.W32, dst, src);
        } else if (signed) {
            e.assembler().movsx(to, dst, from, src);
        } else {
            e.assembler().movzx(Width.W32, dst, from, src);
        }
    }

    @Override
    protected String mnemonic() {
        return (signed ? "sext" : "zext") + from.bits() + "to" + to.bits();
    }
}
