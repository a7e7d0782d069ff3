package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Operands.GPRS;
import static dev.kiln.internal.compiler.amd64.Operands.XMMS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SSE moves and movd/movq, checked against objdump. */
class SseMoveEncodingTest {

    @ParameterizedTest
    @EnumSource(SseMoveOp.class)
    void sseMove(SseMoveOp op) {
        ObjdumpCheck.check(mems -> {
            Forms.Maker m = (d, s) -> new SseMove(op, d, s);
            List<Instruction> l = new ArrayList<>(Forms.regReg(XMMS, XMMS, m));
            l.addAll(Forms.regMem(XMMS, mems, m));
            l.addAll(Forms.memReg(mems, XMMS, m));
            return l;
        });
    }

    @Test
    void movdMovq() {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : new Width[] {Width.W32, Width.W64}) {
                Forms.Maker m = (d, s) -> new MovdMovq(w, d, s);
                l.addAll(Forms.regReg(XMMS, GPRS, m));
                l.addAll(Forms.regReg(GPRS, XMMS, m));
                l.addAll(Forms.regMem(XMMS, mems, m));
                l.addAll(Forms.memReg(mems, XMMS, m));
            }
            l.addAll(Forms.regReg(XMMS, XMMS, (d, s) -> new MovdMovq(Width.W64, d, s)));
            return l;
        });
    }
}
