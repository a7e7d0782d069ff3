package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Label;

/**
 * {@code dst = compare holds ? src : dst} for XMM registers, which have no {@code cmov}: a
 * branch around a {@code movaps}. Uses: the compared registers, then {@code dst}, then {@code src}.
 */
public final class FloatSelect extends MachineInstruction {

    private final Comparison comparison;

    FloatSelect(Comparison comparison, int[] compared, int dst, int src) {
        super(append(append(compared, dst), src), new int[] {dst});
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        var a = e.assembler();
        Label keep = a.newLabel();
        comparison.emit(a, this);
        a.jcc(comparison.condition().negate(), keep);
        a.movaps(Reg.xmm(def(0)), Reg.xmm(use(useCount() - 1)));
        a.bind(keep);
    }

    @Override
    protected String mnemonic() {
        return "fselect";
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
