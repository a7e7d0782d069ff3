package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Width;

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
        var a = e.assembler();
        var mem = slot.operand();
        if (regClass == RegClass.INT) {
            if (load) {
                a.mov(Width.W64, Reg.gpr(def(0)), mem);
            } else {
                a.mov(Width.W64, mem, Reg.gpr(use(0)));
            }
        } else if (load) {
            a.movsd(Reg.xmm(def(0)), mem);
        } else {
            a.movsd(mem, Reg.xmm(use(0)));
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
