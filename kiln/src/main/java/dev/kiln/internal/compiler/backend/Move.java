package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/** {@code dst = src}: a whole-register copy within one class (64 bits, or a whole XMM register). */
public final class Move extends MachineInstruction {

    private final RegClass regClass;

    public Move(RegClass regClass, int dst, int src) {
        super(new int[] {src}, new int[] {dst});
        this.regClass = regClass;
    }

    public RegClass regClass() {
        return regClass;
    }

    @Override
    public boolean isMove() {
        return true;
    }

    @Override
    public void emit(Emission e) {
        if (def(0) == use(0)) {
            return;
        }
        if (regClass == RegClass.INT) {
            e.assembler().mov(Width.W64, Reg.gpr(def(0)), Reg.gpr(use(0)));
        } else {
            e.assembler().movaps(Reg.xmm(def(0)), Reg.xmm(use(0)));
        }
    }

    @Override
    protected String mnemonic() {
        return regClass == RegClass.INT ? "mov" : "movaps";
    }
}
