package dev.kiln.internal.nativecode;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.List;

/**
 * Native code that proves a stack growth gives back every register that may be live at a
 * prologue: a caller loads a known value into each general register (but RAX, RSP, RBP) and
 * each XMM register, then calls a function whose prologue asks for more stack than there is;
 * after the growth that function stores every register to memory for the test to compare.
 *
 * <pre>
 *   caller () -> (): push rbp; mov rbp, rsp; push rdx r12 r13 r14 r15 rbx   (keep its caller's)
 *                    xmm_i = [in + 16 i] (via r11); gpr_j = PATTERN[j]
 *                    call grower
 *                    pop ...; pop rbp; ret
 *   grower:          push rbp; mov rbp, rsp; stack check (frame bigger than the stack)
 *                    push rax; rax = out; [out + 8 j] = gpr_j; [out + 128 + 16 i] = xmm_i
 *                    pop rax; pop rbp; ret
 * </pre>
 */
final class RegisterKeeper {

    static final List<Gpr> GPRS = List.of(Gpr.RBX, Gpr.RCX, Gpr.RDX, Gpr.RSI, Gpr.RDI, Gpr.R8, Gpr.R9, Gpr.R10,
            Gpr.R11, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15);

    private RegisterKeeper() {}

    static long pattern(int j) {
        return 0x0101_0101_0101_0101L * (j + 1) ^ 0x8000_0000_0000_0000L;
    }

    /** The caller, as {@code () -> ()}; {@code in} holds 16 x 16 bytes, {@code out} 128 + 256 bytes. */
    static byte[] code(long in, long out, int growerFrame) {
        Assembler a = new Assembler();
        Label grower = a.newLabel();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        for (Gpr g : List.of(Gpr.RDX, Gpr.R12, Gpr.R13, Gpr.R14, Gpr.R15, Gpr.RBX)) {
            a.push(g);
        }
        a.mov(Width.W64, Gpr.R11, new Imm(in));
        for (Xmm x : Xmm.values()) {
            a.movdqu(x, Mem.of(Gpr.R11, 16 * x.ordinal()));
        }
        for (int j = 0; j < GPRS.size(); j++) {
            a.mov(Width.W64, GPRS.get(j), new Imm(pattern(j)));
        }
        a.call(grower);
        for (Gpr g : List.of(Gpr.RBX, Gpr.R15, Gpr.R14, Gpr.R13, Gpr.R12, Gpr.RDX)) {
            a.pop(g);
        }
        a.pop(Gpr.RBP);
        a.ret();

        a.bind(grower);
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, growerFrame);
        a.push(Gpr.RAX);
        a.mov(Width.W64, Gpr.RAX, new Imm(out));
        for (int j = 0; j < GPRS.size(); j++) {
            a.mov(Width.W64, Mem.of(Gpr.RAX, 8 * j), GPRS.get(j));
        }
        for (Xmm x : Xmm.values()) {
            a.movdqu(Mem.of(Gpr.RAX, 128 + 16 * x.ordinal()), x);
        }
        a.pop(Gpr.RAX);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }
}
