package dev.kiln.internal.compiler.backend;

/** Loads a register from a spill slot of the frame (the allocator's; 8 bytes). */
public final class SpillLoad extends MachineInstruction {

    private final RegClass regClass;
    private final int slot;

    public SpillLoad(RegClass regClass, int dst, int slot) {
        super(new int[0], new int[] {dst});
        this.regClass = regClass;
        this.slot = slot;
    }

    public RegClass regClass() {
        return regClass;
    }

    /** The spill slot read. */
    public int slot() {
        return slot;
    }

    @Override
    public void emit(Emission e) {
        EightByteMoves.load(e.assembler(), regClass, def(0), e.spillSlot(slot));
    }

    @Override
    protected String mnemonic() {
        return "reload";
    }

    @Override
    protected String details() {
        return "slot" + slot;
    }
}
