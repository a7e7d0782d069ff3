package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * {@code dst = x + y} or {@code dst = x + imm} in one instruction whatever registers the
 * allocator picks: {@code add} when {@code dst} is an operand's register, else {@code lea}
 * (three-operand, flags untouched; its 32-bit form zeroes the upper half as an i32 needs). An
 * add whose first operand lives on would otherwise cost a copy and an add.
 */
public final class IntAdd extends MachineInstruction {

    private final Width width;
    private final boolean immediate;
    private final long imm;

    /** {@code dst = x + y}. */
    public IntAdd(Width width, int dst, int x, int y) {
        super(new int[] {x, y}, new int[] {dst});
        this.width = width;
        this.immediate = false;
        this.imm = 0;
    }

    /** {@code dst = x + imm}; {@code imm} fits a sign-extended 32-bit immediate. */
    public IntAdd(Width width, int dst, int x, long imm) {
        super(new int[] {x}, new int[] {dst});
        if (imm != (int) imm) {
            throw new IllegalArgumentException(imm + " does not fit an imm32");
        }
        this.width = width;
        this.immediate = true;
        this.imm = imm;
    }

    @Override
    public void emit(Emission e) {
        Assembler a = e.assembler();
        Gpr dst = Reg.gpr(def(0));
        Gpr x = Reg.gpr(use(0));
        if (immediate) {
            if (dst == x) {
                a.alu(AluOp.ADD, width, dst, new Imm(imm));
                e.flagsSetBy(dst, width);
            } else {
                a.lea(width, dst, Mem.of(x, (int) imm)); // no flags
            }
            return;
        }
        Gpr y = Reg.gpr(use(1));
        if (dst == x) {
            a.alu(AluOp.ADD, width, dst, y);
            e.flagsSetBy(dst, width);
        } else if (dst == y) {
            a.alu(AluOp.ADD, width, dst, x);
            e.flagsSetBy(dst, width);
        } else {
            a.lea(width, dst, Mem.of(x, y, 1, 0));
        }
    }

    @Override
    protected String mnemonic() {
        return "add3." + width.bits();
    }

    @Override
    protected String details() {
        return immediate ? Long.toString(imm) : "";
    }
}
