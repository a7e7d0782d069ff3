package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Operands.GPRS;
import static dev.kiln.internal.compiler.amd64.Operands.XMMS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SSE arithmetic, compares, bitwise operations and conversions, checked against objdump. */
class SseEncodingTest {

    @ParameterizedTest
    @EnumSource(SseOp.class)
    void sse(SseOp op) {
        ObjdumpCheck.check(mems -> {
            Forms.Maker m = (d, s) -> new Sse(op, (Xmm) d, s);
            List<Instruction> l = new ArrayList<>(Forms.regReg(XMMS, XMMS, m));
            l.addAll(Forms.regMem(XMMS, mems, m));
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(SseImmOp.class)
    void sseWithImmediate(SseImmOp op) {
        int[] imms = {0, 1, 2, 3, 8, 9, 0x7f, 0x80, 0xff};
        ObjdumpCheck.check(mems -> {
            int[] k = {0};
            Forms.Maker m = (d, s) -> new SseImm(op, (Xmm) d, s, imms[k[0]++ % imms.length]);
            List<Instruction> l = new ArrayList<>(Forms.regReg(XMMS, XMMS, m));
            l.addAll(Forms.regMem(XMMS, mems, m));
            return l;
        });
    }

    @ParameterizedTest
    @EnumSource(CvtOp.class)
    void conversions(CvtOp op) {
        ObjdumpCheck.check(mems -> {
            List<Instruction> l = new ArrayList<>();
            for (Width w : new Width[] {Width.W32, Width.W64}) {
                Forms.Maker m = (d, s) -> new Cvt(op, w, d, s);
                l.addAll(op.toFloat ? Forms.regReg(XMMS, GPRS, m) : Forms.regReg(GPRS, XMMS, m));
                l.addAll(Forms.regMem(op.toFloat ? XMMS : GPRS, mems, m));
            }
            return l;
        });
    }
}
