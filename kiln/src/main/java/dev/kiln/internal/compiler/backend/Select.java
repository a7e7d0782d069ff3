package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = compare holds ? src : dst}: {@code cmp; cmovcc}. The lowering puts the value for
 * "does not hold" in {@code dst} first; a WebAssembly {@code select} compares its condition
 * with zero.
 */
public final class Select extends MachineInstruction {

    private final Comparison comparison;
    private final Width width;

    /** Uses: the compared registers, then {@code dst}, then {@code src}. */
    Select(Comparison comparison, Width width, int[] compared, int dst, int src) {
        super(append(append(compared, dst), src), new int[] {dst});
        this.comparison = comparison;
        this.width = width;
    }

    @Override
    public void emit(Emission e) {
        comparison.emit(e.assembler(), this);
        e.assembler().cmov(comparison.condition(), width, Reg.gpr(def(0)), Reg.gpr(use(useCount() - 1)));
    }

    @Override
    protected String mnemonic() {
        return "select." + width.bits();
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
