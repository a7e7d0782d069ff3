package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.SseOp;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;

/**
 * {@code dst = (int) src}, toward zero. The trapping form runs only on input the frontend's
 * checks let through; the saturating form ({@code trunc_sat}) handles the rest itself:
 *
 * <pre>
 *   saturating:  dst = 0;   NaN               -> done
 *                dst = MIN; src below the range -> done
 *                dst = MAX; src >= high        -> done
 *   convert:     signed, or unsigned 32-bit:  cvtts?2si (64-bit for u32, whose range fits), then
 *                                             a 32-bit mov for u32 (upper half zero)
 *                unsigned 64-bit: below 2^63 as signed; else convert src - 2^63 (in tmp) and
 *                                 flip bit 63 back
 * </pre>
 * The range is the frontend's: valid when {@code low < src < high} ({@code low <= src} where the
 * exclusive bound is no float of the source type).
 */
public final class FloatToInt extends MachineInstruction {

    private final boolean signed;
    private final boolean saturating;
    private final Width floatWidth;
    private final Width intWidth;

    /** A truncation; an unsigned 64-bit one also defines {@code tmp}, an XMM register. */
    public FloatToInt(boolean signed, boolean saturating, Width floatWidth, Width intWidth, int dst, int src, int tmp) {
        super(new int[] {src}, needsTemp(signed, intWidth) ? new int[] {dst, tmp} : new int[] {dst});
        this.signed = signed;
        this.saturating = saturating;
        this.floatWidth = floatWidth;
        this.intWidth = intWidth;
    }

    static boolean needsTemp(boolean signed, Width intWidth) {
        return !signed && intWidth == Width.W64;
    }

    @Override
    public void emit(Emission e) {
        Assembler a = e.assembler();
        Gpr dst = Reg.gpr(def(0));
        Xmm src = Reg.xmm(use(0));
        Label done = a.newLabel();
        if (saturating) {
            saturate(e, dst, src, done);
        }
        if (signed || intWidth == Width.W32) {
            truncate(a, signed ? intWidth : Width.W64, dst, src);
            if (!signed) {
                a.mov(Width.W32, dst, dst);
            }
        } else {
            Xmm tmp = Reg.xmm(def(1));
            Mem twoTo63 = e.constant(bits(Math.scalb(1.0, 63)), 0);
            Label small = a.newLabel();
            compare(a, src, twoTo63);
            a.jcc(Condition.B, small);
            a.movaps(tmp, src);
            a.sse(floatWidth == Width.W32 ? SseOp.SUBSS : SseOp.SUBSD, tmp, twoTo63);
            truncate(a, Width.W64, dst, tmp);
            a.alu(AluOp.XOR, Width.W64, dst, e.constant(Long.MIN_VALUE, 0));
            a.jmp(done);
            a.bind(small);
            truncate(a, Width.W64, dst, src);
        }
        a.bind(done);
    }

    private void saturate(Emission e, Gpr dst, Xmm src, Label done) {
        Assembler a = e.assembler();
        int bits = intWidth.bits();
        double high = signed ? Math.scalb(1.0, bits - 1) : Math.scalb(1.0, bits);
        boolean lowInclusive = signed && !(bits == 32 && floatWidth == Width.W64);
        double low = !signed ? -1.0 : lowInclusive ? -Math.scalb(1.0, bits - 1) : -2147483649.0;
        long min = signed ? (bits == 32 ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        long max = signed ? (bits == 32 ? 0x7fff_ffffL : Long.MAX_VALUE) : (bits == 32 ? 0xffff_ffffL : -1L);
        a.alu(AluOp.XOR, Width.W32, dst, dst);
        compare(a, src, src);
        a.jcc(Condition.P, done);
        a.mov(Width.W64, dst, new Imm(min));
        compare(a, src, e.constant(bits(low), 0));
        a.jcc(lowInclusive ? Condition.B : Condition.BE, done);
        a.mov(Width.W64, dst, new Imm(max));
        compare(a, src, e.constant(bits(high), 0));
        a.jcc(Condition.AE, done);
    }

    private long bits(double value) {
        return floatWidth == Width.W32 ? Float.floatToRawIntBits((float) value) & 0xffff_ffffL
                : Double.doubleToRawLongBits(value);
    }

    private void compare(Assembler a, Xmm x, dev.kiln.internal.compiler.amd64.Operand y) {
        if (floatWidth == Width.W32) {
            a.ucomiss(x, y);
        } else {
            a.ucomisd(x, y);
        }
    }

    private void truncate(Assembler a, Width w, Gpr dst, Xmm src) {
        if (floatWidth == Width.W32) {
            a.cvttss2si(w, dst, src);
        } else {
            a.cvttsd2si(w, dst, src);
        }
    }

    @Override
    protected String mnemonic() {
        return (signed ? "ftos" : "ftou") + (saturating ? ".sat" : "") + floatWidth.bits() + "to" + intWidth.bits();
    }
}
