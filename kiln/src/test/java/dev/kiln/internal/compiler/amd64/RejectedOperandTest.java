package dev.kiln.internal.compiler.amd64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Operands that cannot be encoded are rejected before any byte is written. */
class RejectedOperandTest {

    /** {@code emit} must throw IllegalArgumentException naming {@code what}, and leave the buffer as it was. */
    private static void rejected(String what, Consumer<Assembler> emit) {
        Assembler asm = new Assembler();
        asm.nop();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> emit.accept(asm));
        assertTrue(e.getMessage().contains(what), "message '" + e.getMessage() + "' should mention " + what);
        assertEquals(1, asm.position(), "a rejected instruction must leave no bytes behind");
    }

    @Test
    void rspCannotBeAnIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mem.of(Gpr.RAX, Gpr.RSP, 1, 0));
        assertTrue(e.getMessage().contains("rsp"));
        assertThrows(IllegalArgumentException.class, () -> Mem.of(null, Gpr.RSP, 8, 0));
    }

    @Test
    void badScalesAndRipFormsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Mem.of(Gpr.RAX, Gpr.RCX, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Mem(Gpr.RAX, null, 2, 0, null));
        Label l = new Assembler().newLabel();
        assertThrows(IllegalArgumentException.class, () -> new Mem(Gpr.RAX, null, 1, 0, l));
        assertThrows(IllegalArgumentException.class, () -> Mem.rip(null));
    }

    @Test
    void immediatesOutOfRange() {
        rejected("add", a -> a.alu(AluOp.ADD, Width.W8, Gpr.RAX, Imm.of(256)));
        rejected("add", a -> a.alu(AluOp.ADD, Width.W8, Gpr.RAX, Imm.of(-129)));
        rejected("sub", a -> a.alu(AluOp.SUB, Width.W16, Gpr.RAX, Imm.of(0x10000)));
        rejected("cmp", a -> a.alu(AluOp.CMP, Width.W32, Gpr.RAX, Imm.of(0x1_0000_0000L)));
        rejected("sign-extended imm32", a -> a.alu(AluOp.AND, Width.W64, Gpr.RAX, Imm.of(0x8000_0000L)));
        rejected("mov", a -> a.mov(Width.W64, Mem.of(Gpr.RAX), Imm.of(0xffff_ffffL)));
        rejected("mov", a -> a.mov(Width.W32, Gpr.RAX, Imm.of(-0x8000_0001L)));
        rejected("test", a -> a.test(Width.W64, Gpr.RBX, Imm.of(Long.MIN_VALUE)));
        rejected("push", a -> a.push(Imm.of(0x8000_0000L)));
    }

    @Test
    void wrongOperandKinds() {
        rejected("mov", a -> a.mov(Width.W64, Xmm.XMM0, Gpr.RAX));
        rejected("mov", a -> a.mov(Width.W64, Mem.of(Gpr.RAX), Mem.of(Gpr.RBX)));
        rejected("mov", a -> a.mov(Width.W64, Gpr.RAX, Xmm.XMM1));
        rejected("add", a -> a.alu(AluOp.ADD, Width.W64, Imm.of(1), Gpr.RAX));
        rejected("xor", a -> a.alu(AluOp.XOR, Width.W64, Mem.of(Gpr.RAX), Mem.of(Gpr.RBX)));
        rejected("test", a -> a.test(Width.W32, Imm.of(1), Imm.of(1)));
        rejected("jmp", a -> a.jmp(Xmm.XMM3));
        rejected("call", a -> a.call(Imm.of(0)));
        rejected("movss", a -> a.movss(Gpr.RAX, Xmm.XMM0));
        rejected("movaps", a -> a.movaps(Mem.of(Gpr.RAX), Mem.of(Gpr.RAX)));
        rejected("movd", a -> a.movd(Gpr.RAX, Gpr.RCX));
        rejected("movq", a -> a.movq(Mem.of(Gpr.RAX), Gpr.RCX));
        rejected("lea", a -> a.lea(null, Mem.of(Gpr.RAX)));
        rejected("call", a -> a.callExternal(null));
    }

    @Test
    void badAlignmentAndNopLength() {
        rejected("alignment", a -> a.align(3));
        rejected("alignment", a -> a.align(0));
        rejected("nop", a -> a.nop(10));
    }

    @Test
    void widthMismatches() {
        rejected("movzx", a -> a.movzx(Width.W32, Gpr.RAX, Width.W32, Gpr.RCX));
        rejected("movzx", a -> a.movzx(Width.W8, Gpr.RAX, Width.W8, Gpr.RCX));
        rejected("movsx", a -> a.movsx(Width.W16, Gpr.RAX, Width.W32, Gpr.RCX));
        rejected("movsx", a -> a.movsx(Width.W64, Gpr.RAX, Width.W64, Mem.of(Gpr.RCX)));
        rejected("imul", a -> a.imul(Width.W8, Gpr.RAX, Gpr.RCX));
        rejected("imul", a -> a.imul(Width.W8, Gpr.RAX, Gpr.RCX, 3));
        rejected("lzcnt", a -> a.lzcnt(Width.W8, Gpr.RAX, Gpr.RCX));
        rejected("popcnt", a -> a.popcnt(Width.W8, Gpr.RAX, Gpr.RCX));
        rejected("cmov", a -> a.cmov(Condition.E, Width.W8, Gpr.RAX, Gpr.RCX));
        rejected("cvtsi2sd", a -> a.cvtsi2sd(Width.W16, Xmm.XMM0, Gpr.RAX));
        rejected("cvttss2si", a -> a.cvttss2si(Width.W8, Gpr.RAX, Xmm.XMM0));
    }

    @Test
    void secondSliceImmediatesAndKinds() {
        rejected("shl", a -> a.shift(ShiftOp.SHL, Width.W32, Gpr.RAX, 256));
        rejected("sar", a -> a.shift(ShiftOp.SAR, Width.W32, Gpr.RAX, -1));
        rejected("imul", a -> a.imul(Width.W16, Gpr.RAX, Gpr.RCX, 0x10000));
        rejected("roundss", a -> a.roundss(Xmm.XMM0, Xmm.XMM1, 256));
        rejected("roundsd", a -> a.roundsd(Xmm.XMM0, Gpr.RAX, 0));
        rejected("addsd", a -> a.sse(SseOp.ADDSD, Xmm.XMM0, Gpr.RAX));
        rejected("cvtsi2ss", a -> a.cvtsi2ss(Width.W32, Xmm.XMM0, Xmm.XMM1));
        rejected("cvttsd2si", a -> a.cvttsd2si(Width.W64, Gpr.RAX, Gpr.RCX));
        rejected("cvttsd2si", a -> a.cvt(CvtOp.CVTTSD2SI, Width.W64, Xmm.XMM0, Xmm.XMM1));
        rejected("not", a -> a.unary(UnaryOp.NOT, Width.W32, Imm.of(1)));
        rejected("xchg", a -> a.xchg(Width.W64, Xmm.XMM0, Gpr.RAX));
        rejected("movzx", a -> a.movzx(Width.W32, Gpr.RAX, Width.W8, Xmm.XMM0));
        rejected("setcc", a -> a.setcc(Condition.E, null));
    }
}
