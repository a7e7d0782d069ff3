package dev.kiln.internal.compiler.backend;

/**
 * To {@code taken} if the compare holds, else to {@code notTaken}: {@code cmp; jcc}, and a
 * {@code jmp} unless the other target comes next (when {@code taken} comes next, the condition
 * is inverted and the jump goes to {@code notTaken}).
 */
public final class Branch extends MachineInstruction {

    private final Comparison comparison;
    private final MachineBlock taken;
    private final MachineBlock notTaken;

    Branch(Comparison comparison, int[] compared, MachineBlock taken, MachineBlock notTaken) {
        super(compared, new int[0]);
        this.comparison = comparison;
        this.taken = taken;
        this.notTaken = notTaken;
    }

    @Override
    public boolean isTerminator() {
        return true;
    }

    @Override
    public void emit(Emission e) {
        comparison.emit(e.assembler(), this);
        if (e.isNext(taken)) {
            e.assembler().jcc(comparison.condition().negate(), e.label(notTaken));
            return;
        }
        e.assembler().jcc(comparison.condition(), e.label(taken));
        if (!e.isNext(notTaken)) {
            e.assembler().jmp(e.label(notTaken));
        }
    }

    @Override
    protected String mnemonic() {
        return "br";
    }

    @Override
    protected String details() {
        return comparison.text();
    }

    @Override
    protected String targets() {
        return taken + ", " + notTaken;
    }
}
