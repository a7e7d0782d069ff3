package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.SseImm;
import dev.kiln.internal.compiler.amd64.SseOp;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.Locale;

/** {@code dst = op(src)} between XMM registers: square root, rounding, promotion, demotion. */
public final class FloatUnary extends MachineInstruction {

    /** The operations, each for one width (the rounding ones need SSE4.1). */
    public enum Op {
        SQRTSS, SQRTSD, CEILSS, CEILSD, FLOORSS, FLOORSD, TRUNCSS, TRUNCSD, NEARESTSS, NEARESTSD, PROMOTE, DEMOTE;

        void emit(Assembler a, Xmm dst, Xmm src) {
            switch (this) {
                case SQRTSS -> a.sse(SseOp.SQRTSS, dst, src);
                case SQRTSD -> a.sse(SseOp.SQRTSD, dst, src);
                case CEILSS -> a.roundss(dst, src, SseImm.ROUND_UP | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case CEILSD -> a.roundsd(dst, src, SseImm.ROUND_UP | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case FLOORSS -> a.roundss(dst, src, SseImm.ROUND_DOWN | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case FLOORSD -> a.roundsd(dst, src, SseImm.ROUND_DOWN | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case TRUNCSS -> a.roundss(dst, src, SseImm.ROUND_TRUNCATE | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case TRUNCSD -> a.roundsd(dst, src, SseImm.ROUND_TRUNCATE | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case NEARESTSS -> a.roundss(dst, src, SseImm.ROUND_NEAREST | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case NEARESTSD -> a.roundsd(dst, src, SseImm.ROUND_NEAREST | SseImm.ROUND_NO_PRECISION_EXCEPTION);
                case PROMOTE -> a.cvtss2sd(dst, src);
                case DEMOTE -> a.cvtsd2ss(dst, src);
            }
        }
    }

    private final Op op;

    public FloatUnary(Op op, int dst, int src) {
        super(new int[] {src}, new int[] {dst});
        this.op = op;
    }

    @Override
    public void emit(Emission e) {
        op.emit(e.assembler(), Reg.xmm(def(0)), Reg.xmm(use(0)));
    }

    @Override
    protected String mnemonic() {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
