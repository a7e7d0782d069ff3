package dev.kiln.internal.compiler.backend;

/** To {@code taken} if a float compare holds, else to {@code notTaken}. */
public final class FloatBranch extends TwoWayBranch {

    private final FloatComparison comparison;

    FloatBranch(FloatComparison comparison, int x, int y, MachineBlock taken, MachineBlock notTaken) {
        super(new int[] {x, y}, taken, notTaken);
        this.comparison = comparison;
    }

    @Override
    public void emit(Emission e) {
        comparison.jumpIfTrue(e.assembler(), this, e.label(taken));
        jumpToNotTaken(e);
    }

    @Override
    protected String mnemonic() {
        return "fbr";
    }

    @Override
    protected String details() {
        return comparison.text();
    }
}
