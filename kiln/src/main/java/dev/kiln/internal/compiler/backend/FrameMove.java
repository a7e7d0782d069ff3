package dev.kiln.internal.compiler.backend;

/**
 * A whole 8-byte value between a register and a {@link FrameSlot} of the calling convention:
 * loading a stack parameter or a call's stack result, storing a call's stack argument or this
 * function's stack result.
 */
public final class FrameMove extends MachineInstruction {

    private final RegClass regClass;
    private final FrameSlot slot;
    private final boolean load;

    private FrameMove(RegClass regClass, FrameSlot slot, boolean load, int reg) {
        super(load ? new int[0] : new int[] {reg}, load ? new int[] {reg} : new int[0]);
        this.regClass = regClass;
        this.slot = slot;
        this.load = load;
    }

    public static FrameMove load(RegClass regClass, int dst, FrameSlot slot) {
        return new FrameMove(regClass, slot, true, dst);
    }

    public static FrameMove store(RegClass regClass, FrameSlot slot, int src) {
        return new FrameMove(regClass, slot, false, src);
    }

    @Override
    public void emit(Emission e) {
        if (load) {
            EightByteMoves.load(e.assembler(), regClass, def(0), slot.operand());
        } else {
            EightByteMoves.store(e.assembler(), regClass, slot.operand(), use(0));
        }
    }

    @Override
    protected String mnemonic() {
        return load ? "load.frame" : "store.frame";
    }

    @Override
    protected String details() {
        return slot.toString();
    }
}
