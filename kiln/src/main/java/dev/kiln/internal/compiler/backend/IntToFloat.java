package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.ShiftOp;
import dev.kiln.internal.compiler.amd64.SseOp;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;

/**
 * {@code dst = (float) src}, rounding to nearest. Signed is {@code cvtsi2ss/sd}. Unsigned 32-bit
 * is the signed 64-bit conversion of the same register (an i32's upper half is zero). Unsigned
 * 64-bit with the top bit set halves the value first, keeping the lost bit sticky so the one
 * rounding stays correct, converts, and doubles:
 *
 * <pre>
 *   test src, src; js big; cvtsi2s? dst, src; jmp done
 *   big: mov tmp, src; shr tmp, 1; jnc even; or tmp, 1
 *   even: cvtsi2s? dst, tmp; add dst, dst
 * </pre>
 * The second def, {@code tmp}, is written only after the last read of {@code src}.
 */
public final class IntToFloat extends MachineInstruction {

    private final boolean signed;
    private final Width intWidth;
    private final Width floatWidth;

    /** A conversion; an unsigned 64-bit one also defines {@code tmp}, a general register. */
    public IntToFloat(boolean signed, Width intWidth, Width floatWidth, int dst, int src, int tmp) {
        super(new int[] {src}, needsTemp(signed, intWidth) ? new int[] {dst, tmp} : new int[] {dst});
        this.signed = signed;
        this.intWidth = intWidth;
        this.floatWidth = floatWidth;
    }

    static boolean needsTemp(boolean signed, Width intWidth) {
        return !signed && intWidth == Width.W64;
    }

    @Override
    public void emit(Emission e) {
        Assembler a = e.assembler();
        Xmm dst = Reg.xmm(def(0));
        Gpr src = Reg.gpr(use(0));
        if (signed) {
            convert(a, intWidth, dst, src);
        } else if (intWidth == Width.W32) {
            convert(a, Width.W64, dst, src);
        } else {
            Gpr tmp = Reg.gpr(def(1));
            Label big = a.newLabel();
            Label even = a.newLabel();
            Label done = a.newLabel();
            a.test(Width.W64, src, src);
            a.jcc(Condition.S, big);
            convert(a, Width.W64, dst, src);
            a.jmp(done);
            a.bind(big);
            a.mov(Width.W64, tmp, src);
            a.shift(ShiftOp.SHR, Width.W64, tmp, 1);
            a.jcc(Condition.AE, even); // CF, the bit shifted out, is clear
            a.alu(AluOp.OR, Width.W64, tmp, new Imm(1));
            a.bind(even);
            convert(a, Width.W64, dst, tmp);
            a.sse(floatWidth == Width.W32 ? SseOp.ADDSS : SseOp.ADDSD, dst, dst);
            a.bind(done);
        }
    }

    private void convert(Assembler a, Width from, Xmm dst, Gpr src) {
        if (floatWidth == Width.W32) {
            a.cvtsi2ss(from, dst, src);
        } else {
            a.cvtsi2sd(from, dst, src);
        }
    }

    @Override
    protected String mnemonic() {
        return (signed ? "scvt" : "ucvt") + intWidth.bits() + "tof" + floatWidth.bits();
    }
}
