package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.SseOp;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;

/**
 * WebAssembly's {@code min}/{@code max}, {@code dst = op(dst, src)}. x86's {@code minss} returns
 * its second operand when either is NaN or both are zero, so the cases are told apart first:
 *
 * <pre>
 *   ucomis dst, src
 *   jp   nan          unordered: dst + src is a NaN (quiet, from an input)
 *   jne  ordinary
 *   or/and dst, src   equal: only ±0 differ; min ORs the sign bits in, max ANDs them
 *   jmp  done
 *   ordinary: min/max dst, src
 *   jmp done
 *   nan: add dst, src
 *   done:
 * </pre>
 */
public final class FloatMinMax extends MachineInstruction {

    private final boolean max;
    private final Width width;

    public FloatMinMax(boolean max, Width width, int dst, int src) {
        super(new int[] {dst, src}, new int[] {dst});
        this.max = max;
        this.width = width;
    }

    @Override
    public void emit(Emission e) {
        Assembler a = e.assembler();
        Xmm dst = Reg.xmm(def(0));
        Xmm src = Reg.xmm(use(1));
        boolean single = width == Width.W32;
        Label nan = a.newLabel();
        Label ordinary = a.newLabel();
        Label done = a.newLabel();
        if (single) {
            a.ucomiss(dst, src);
        } else {
            a.ucomisd(dst, src);
        }
        a.jcc(Condition.P, nan);
        a.jcc(Condition.NE, ordinary);
        a.sse(max ? SseOp.ANDPS : SseOp.ORPS, dst, src);
        a.jmp(done);
        a.bind(ordinary);
        a.sse(max ? (single ? SseOp.MAXSS : SseOp.MAXSD) : (single ? SseOp.MINSS : SseOp.MINSD), dst, src);
        a.jmp(done);
        a.bind(nan);
        a.sse(single ? SseOp.ADDSS : SseOp.ADDSD, dst, src);
        a.bind(done);
    }

    @Override
    protected String mnemonic() {
        return (max ? "fmax." : "fmin.") + width.bits();
    }
}
