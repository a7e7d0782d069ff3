package dev.kiln.internal.compiler.backend;

/**
 * A terminator that goes to {@code taken} when its condition holds, else to {@code notTaken};
 * the subclasses say how the condition is computed and tested.
 */
abstract class TwoWayBranch extends MachineInstruction {

    protected final MachineBlock taken;
    protected final MachineBlock notTaken;

    TwoWayBranch(int[] uses, MachineBlock taken, MachineBlock notTaken) {
        super(uses, new int[0]);
        this.taken = taken;
        this.notTaken = notTaken;
    }

    @Override
    public final boolean isTerminator() {
        return true;
    }

    /** The jump to {@code notTaken} after the conditional one, unless that block comes next. */
    protected final void jumpToNotTaken(Emission e) {
        if (!e.isNext(notTaken)) {
            e.assembler().jmp(e.label(notTaken));
        }
    }

    /** Whether {@code block}'s code is already emitted, so a jump to it goes back. */
    protected static boolean isBackward(Emission e, MachineBlock block) {
        return e.label(block).isBound();
    }

    @Override
    protected final String targets() {
        return taken + ", " + notTaken;
    }
}
