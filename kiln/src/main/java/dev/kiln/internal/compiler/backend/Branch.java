package dev.kiln.internal.compiler.backend;

/**
 * To {@code taken} if the compare holds, else to {@code notTaken}: {@code cmp; jcc}, and a
 * {@code jmp} unless the other target comes next (when {@code taken} comes next, the condition
 * is inverted and the jump goes to {@code notTaken}; so it is when only {@code notTaken} lies
 * behind, as a loop's header does from its latch, so that staying in the loop takes one branch,
 * not a conditional one not taken and a {@code jmp}).
 */
public final class Branch extends TwoWayBranch {

    private final Comparison comparison;

    Branch(Comparison comparison, int[] compared, MachineBlock taken, MachineBlock notTaken) {
        super(compared, taken, notTaken);
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        boolean flagsSay = comparison.kind() == Comparison.Kind.NON_ZERO
                && e.zeroFlagOf(Reg.gpr(use(0)), comparison.width());
        if (!flagsSay) { // else the add, sub or logical operation just before set ZF for this value
            comparison.emit(e.assembler(), this);
        }
        if (e.isNext(taken)) {
            e.assembler().jcc(comparison.condition().negate(), e.label(notTaken));
            return;
        }
        if (isBackward(e, notTaken) && !isBackward(e, taken)) {
            // a loop's latch: the conditional jump goes back, so an iteration takes one branch
            e.assembler().jcc(comparison.condition().negate(), e.label(notTaken));
            e.assembler().jmp(e.label(taken));
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
