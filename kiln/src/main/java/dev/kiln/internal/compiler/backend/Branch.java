package dev.kiln.internal.compiler.backend;

/**
 * To {@code taken} if the compare holds, else to {@code notTaken}: {@code cmp; jcc}, and a
 * {@code jmp} unless the other target comes next (when {@code taken} comes next, the condition
 * is inverted and the jump goes to {@code notTaken}).
 */
public final class Branch extends TwoWayBranch {

    private final Comparison comparison;

    Branch(Comparison comparison, int[] compared, MachineBlock taken, MachineBlock notTaken) {
        super(compared, taken, notTaken);
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        comparison.emit(e.assembler(), this);
        if (e.isNext(taken)) {
            e.assembler().jcc(comparison.condition().negate(), e.label(notTaken));
            return;
        }
        e.assembler().jcc(comparison.condition(), e.label(taken));
        jumpToNotTaken(e);
    }

    @Override
    protected String mnemonic() {
        return "br";
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
