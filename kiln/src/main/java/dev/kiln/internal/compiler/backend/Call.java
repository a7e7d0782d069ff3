package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;

/**
 * A call under Kiln's ABI: to a function of this module ({@code call rel32}, patched when the
 * module's code is laid out) or to the address in a register. The arguments are already in
 * their registers (uses, physical) or in the outgoing stack area; the register results are
 * defs; every other caller-saved register is clobbered.
 */
public final class Call extends MachineInstruction {

    /** What a {@code call rel32} to a function of the module names, for the linker. */
    public record Target(int functionIndex) {}

    private final Target target;
    private final long clobbers;

    /** A direct call to {@code target}; uses and defs are physical registers. */
    public Call(Target target, int[] argumentRegs, int[] resultRegs, long clobbers) {
        super(argumentRegs, resultRegs);
        this.target = target;
        this.clobbers = clobbers;
    }

    /** An indirect call to the address in {@code address} (a virtual register, the last use). */
    public Call(int address, int[] argumentRegs, int[] resultRegs, long clobbers) {
        super(append(argumentRegs, address), resultRegs);
        this.target = null;
        this.clobbers = clobbers;
    }

    @Override
    public long clobbers() {
        return clobbers;
    }

    @Override
    public void emit(Emission e) {
        Assembler a = e.assembler();
        if (target != null) {
            a.callExternal(target);
        } else {
            a.call(Reg.gpr(use(useCount() - 1)));
        }
        e.markStop();
    }

    @Override
    protected String mnemonic() {
        return target != null ? "call fn" + target.functionIndex() : "call_indirect";
    }
}
