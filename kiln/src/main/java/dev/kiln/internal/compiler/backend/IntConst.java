package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Width;

/** {@code dst = value}: an i32's value zero-extended (as every i32 in a register is), an i64's as is. */
public final class IntConst extends MachineInstruction {

    private final long value;

    public IntConst(int dst, long value) {
        super(new int[0], new int[] {dst});
        this.value = value;
    }

    public long value() {
        return value;
    }

    @Override
    public void emit(Emission e) {
        e.assembler().mov(Width.W64, Reg.gpr(def(0)), new Imm(value));
    }

    @Override
    protected String mnemonic() {
        return "const";
    }

    @Override
    protected String details() {
        return Long.toString(value);
    }
}
