package dev.kiln.internal.compiler.backend;

/** To {@code taken} if a float compare holds, else to {@code notTaken}. */
public final class FloatBranch extends MachineInstruction {

    private final FloatComparison comparison;
    private final MachineBlock taken;
    private final MachineBlock notTaken;

    FloatBranch(FloatComparison comparison, int x, int y, MachineBlock taken, MachineBlock notTaken) {
        super(new int[] {x, y}, new int[0]);
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
        comparison.jumpIfTrue(e.assembler(), this, e.label(taken));
        if (!e.isNext(notTaken)) {
            e.assembler().jmp(e.label(notTaken));
        }
    }

    @Override
    protected String mnemonic() {
        return "fbr";
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
