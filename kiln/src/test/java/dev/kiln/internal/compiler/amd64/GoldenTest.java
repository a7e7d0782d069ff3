package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Gpr.R12;
import static dev.kiln.internal.compiler.amd64.Gpr.R13;
import static dev.kiln.internal.compiler.amd64.Gpr.R15;
import static dev.kiln.internal.compiler.amd64.Gpr.R8;
import static dev.kiln.internal.compiler.amd64.Gpr.RAX;
import static dev.kiln.internal.compiler.amd64.Gpr.RBP;
import static dev.kiln.internal.compiler.amd64.Gpr.RCX;
import static dev.kiln.internal.compiler.amd64.Gpr.RDI;
import static dev.kiln.internal.compiler.amd64.Gpr.RDX;
import static dev.kiln.internal.compiler.amd64.Gpr.RSI;
import static dev.kiln.internal.compiler.amd64.Gpr.RSP;
import static dev.kiln.internal.compiler.amd64.Width.W16;
import static dev.kiln.internal.compiler.amd64.Width.W32;
import static dev.kiln.internal.compiler.amd64.Width.W64;
import static dev.kiln.internal.compiler.amd64.Width.W8;
import static dev.kiln.internal.compiler.amd64.Xmm.XMM0;
import static dev.kiln.internal.compiler.amd64.Xmm.XMM15;
import static dev.kiln.internal.compiler.amd64.Xmm.XMM7;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A handful of representative instructions with their bytes and objdump text, kept in
 * {@code golden.lst} next to this class so a reader sees what the encoder produces. The listing
 * must match the file byte for byte, and objdump must agree with every line of it.
 */
class GoldenTest {

    static Assembler program() {
        Assembler a = Assembler.withListing();
        Label loop = a.newLabel("loop");
        Label done = a.newLabel("done");
        Label constant = a.newLabel("constant");
        a.push(RBP);
        a.mov(W64, RBP, RSP);
        a.push(R15);
        a.mov(W64, RAX, Mem.of(RSP, 8));                  // base rsp needs a SIB
        a.mov(W32, Mem.of(RBP), RCX);                     // base rbp needs a disp8 of 0
        a.mov(W64, RDX, Mem.of(R12, R13, 8, -128));       // disp8 at its boundary
        a.mov(W64, RDX, Mem.of(R13, RAX, 4, 128));        // disp32 just past it
        a.mov(W64, RCX, Mem.of(null, RDI, 8, 0x40));      // no base: disp32 always
        a.mov(W8, Mem.of(RDI, 1), RSI);                   // sil needs a REX prefix
        a.mov(W64, R8, Imm.of(-1));                       // sign-extended imm32
        a.mov(W64, RAX, Imm.of(0xffff_ffffL));            // mov r32, imm32 zero-extends
        a.mov(W64, RAX, Imm.of(0x1234_5678_9abcL));       // movabs
        a.alu(AluOp.ADD, W64, RAX, Imm.of(127));          // imm8
        a.alu(AluOp.SUB, W32, RCX, Imm.of(128));          // imm32
        a.alu(AluOp.CMP, W32, RAX, Imm.of(1000));         // accumulator short form
        a.alu(AluOp.XOR, W16, Mem.of(RAX, RCX, 2, 0), Imm.of(-2));
        a.test(W8, RAX, Imm.of(1));
        a.lea(RDI, constant);
        a.bind(loop);
        a.alu(AluOp.SUB, W64, RDI, Imm.of(1));
        a.jcc(Condition.NE, loop);                        // short, backward
        a.jcc(Condition.B, done);                         // short, forward
        a.movsd(XMM0, Mem.rip(constant));
        a.movups(Mem.of(RSP, -16), XMM15);
        a.movq(RAX, XMM7);
        a.movd(XMM15, R8);
        a.movzx(W32, RAX, W8, RSI);                       // movzx from sil
        a.movzx(W64, RAX, W32, RCX);                      // is mov eax,ecx
        a.movsx(W64, RDX, W32, Mem.of(RDI, 4));           // movsxd
        a.shift(ShiftOp.SHL, W64, RAX, 1);                // the count-1 form
        a.shiftByCl(ShiftOp.SAR, W32, RDX);
        a.imul(W64, RAX, RCX, 100);
        a.cqo();
        a.unary(UnaryOp.IDIV, W64, R8);
        a.lzcnt(W16, RAX, RCX);                           // 66 before the mandatory F3
        a.setcc(Condition.L, RDI);                        // dil needs a REX prefix
        a.cmov(Condition.A, W32, RAX, Mem.of(RBP, -8));
        a.sse(SseOp.ADDSD, XMM0, XMM15);
        a.ucomiss(XMM7, Mem.of(RAX));
        a.cvtsi2sd(W64, XMM0, RAX);
        a.cvttss2si(W32, RCX, XMM15);
        a.roundsd(XMM0, XMM0, SseImm.ROUND_TRUNCATE);
        a.pxor(XMM15, XMM15);
        a.call(RAX);
        a.callExternal("memmove");
        a.bind(done);
        a.pop(R15);
        a.pop(RBP);
        a.ret();
        a.align(8);
        a.bind(constant);
        a.data(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f});   // 1.0
        return a;
    }

    @Test
    void listingMatchesTheGoldenFile() throws IOException {
        Assembler a = program();
        a.finish();
        String actual = a.listing();
        String expected;
        try (InputStream in = GoldenTest.class.getResourceAsStream("golden.lst")) {
            expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!expected.equals(actual)) {
            Path out = Path.of("target", "golden.lst.actual");
            Files.writeString(out, actual);
            assertEquals(expected, actual, "the listing differs from golden.lst; the actual one is in " + out.toAbsolutePath());
        }
    }

    @Test
    void objdumpAgreesWithTheGoldenProgram() {
        ObjdumpCheck.check(program());
    }
}
