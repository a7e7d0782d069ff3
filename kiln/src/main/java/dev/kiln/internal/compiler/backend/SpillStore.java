package dev.kiln.internal.compiler.backend;

/** Stores a register into a spill slot of the frame (the allocator's; 8 bytes). */
public final class SpillStore extends MachineInstruction {

    private final RegClass regClass;
    private final int slot;

    public SpillStore(RegClass regClass, int slot, int src) {
        super(new int[] {src}, new int[0]);
        this.regClass = regClass;
        this.slot = slot;
    }

    public RegClass regClass() {
        return regClass;
    }

    /** The spill slot written. */
    public int slot() {
        return slot;
    }

    @Override
    public void emit(Emission e) {
        EightByteMoves.store(e.assembler(), regClass, e.spillSlot(slot), use(0));
    }

    @Override
    protected String mnemonic() {
        return "spill";
    }

    @Override
    protected String details() {
        return "slot" + slot;
    }
}
