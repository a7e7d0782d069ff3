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
}
