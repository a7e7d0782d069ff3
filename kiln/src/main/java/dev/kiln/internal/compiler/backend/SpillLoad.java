package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

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
        if (regClass == RegClass.INT) {
            e.assembler().mov(Width.W64, Reg.gpr(def(0)), e.spillSlot(slot));
        } else {
            e.assembler().movsd(Reg.xmm(def(0)), e.spillSlot(slot));
        }
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
