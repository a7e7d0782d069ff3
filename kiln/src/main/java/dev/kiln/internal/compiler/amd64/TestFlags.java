package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Encoding.byteRex;
import static dev.kiln.internal.compiler.amd64.Encoding.regRm;
import static dev.kiln.internal.compiler.amd64.Encoding.rexW;
import static dev.kiln.internal.compiler.amd64.Encoding.sizePrefix;

/**
 * {@code test}: AND that only sets flags. It has no sign-extended imm8 form; the accumulator form
 * (A8/A9) saves a byte. Being commutative, a register-memory pair is encoded (and printed, as
 * objdump does) with the memory operand first.
 */
public record TestFlags(Width width, Operand a, Operand b) implements Instruction {

    private static final String TEST = "test";

    static void encode(CodeBuffer buf, Width w, Operand a, Operand b) {
        if (a instanceof Gpr && b instanceof Mem) {
            Operand t = a;
            a = b;
            b = t;
        }
        Encoding.requireRegOrMem(TEST, a, "first operand");
        int px = sizePrefix(w);
        boolean rw = rexW(w);
        boolean w8 = w == Width.W8;
        if (b instanceof Imm imm) {
            long v = imm.value();
            Encoding.requireImmediate(TEST, w, v);
            int immBytes = Math.min(w.bytes(), 4);
            if (a == Gpr.RAX) {
                Encoding.prefixes(buf, px);
                if (rw) {
                    buf.emit8(0x48);
                }
                buf.emit8(w8 ? 0xa8 : 0xa9);
            } else {
                regRm(buf, px, rw, w8 ? 0xf6 : 0xf7, 0, a, immBytes, byteRex(w, a, null));
            }
            buf.emitImm(v, immBytes);
        } else if (b instanceof Gpr r) {
            regRm(buf, px, rw, w8 ? 0x84 : 0x85, r.code(), a, 0, byteRex(w, a, r));
        } else {
            throw Encoding.reject(TEST, "cannot test " + Encoding.describe(a) + " with " + Encoding.describe(b));
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.test(width, a, b);
    }

    @Override
    public String intel(int next) {
        Operand x = a;
        Operand y = b;
        if (x instanceof Gpr && y instanceof Mem) {
            x = b;
            y = a;
        }
        String s = y instanceof Imm imm ? Intel.imm(imm.value(), width) : Intel.rm(y, width, next);
        return Intel.insn(TEST, x, next, Intel.rm(x, width, next), s);
    }
}
