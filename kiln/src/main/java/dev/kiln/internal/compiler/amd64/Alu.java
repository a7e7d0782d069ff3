package dev.kiln.internal.compiler.amd64;

import static dev.kiln.internal.compiler.amd64.Encoding.byteRex;
import static dev.kiln.internal.compiler.amd64.Encoding.regMem;
import static dev.kiln.internal.compiler.amd64.Encoding.regRm;
import static dev.kiln.internal.compiler.amd64.Encoding.rexW;
import static dev.kiln.internal.compiler.amd64.Encoding.sizePrefix;

/**
 * {@code add or adc sbb and sub xor cmp} with a register, memory or immediate source.
 *
 * <p>Immediates take the shortest form: {@code 83 /op ib} (sign-extended imm8) when the value
 * fits, else the accumulator form {@code op*8+4/5} (one byte shorter than 0x80/0x81) when the
 * destination is al/ax/eax/rax, else {@code 81 /op iw/id}. Byte operations have no imm8
 * sign-extended form of their own: they use {@code 80 /op ib} or {@code op*8+4}.
 */
public record Alu(AluOp op, Width width, Operand dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, AluOp op, Width w, Operand dst, Operand src) {
        String mnemonic = op.mnemonic();
        Encoding.requireRegOrMem(mnemonic, dst, "destination");
        int row = op.ordinal() << 3;
        int px = sizePrefix(w);
        boolean rw = rexW(w);
        boolean w8 = w == Width.W8;
        if (src instanceof Imm imm) {
            long v = imm.value();
            Encoding.requireImmediate(mnemonic, w, v);
            long sv = w.signExtend(v);
            int immBytes = Math.min(w.bytes(), 4);
            if (!w8 && sv == (byte) sv) {
                regRm(b, px, rw, 0x83, op.ordinal(), dst, 1, false);
                b.emit8((int) sv);
            } else if (dst == Gpr.RAX) {
                Encoding.prefixes(b, px);
                if (rw) {
                    b.emit8(0x48);
                }
                b.emit8(row | (w8 ? 4 : 5));
                b.emitImm(sv, immBytes);
            } else {
                regRm(b, px, rw, w8 ? 0x80 : 0x81, op.ordinal(), dst, immBytes, byteRex(w, dst, null));
                b.emitImm(sv, immBytes);
            }
        } else if (src instanceof Gpr s) {
            regRm(b, px, rw, row | (w8 ? 0 : 1), s.code(), dst, 0, byteRex(w, dst, s));
        } else if (src instanceof Mem m && dst instanceof Gpr d) {
            regMem(b, px, rw, row | (w8 ? 2 : 3), d.code(), m, 0, byteRex(w, d, null));
        } else {
            throw Encoding.reject(mnemonic, "cannot combine " + Encoding.describe(dst) + " with "
                    + Encoding.describe(src));
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.alu(op, width, dst, src);
    }

    @Override
    public String intel(int next) {
        String s = src instanceof Imm imm ? Intel.imm(imm.value(), width) : Intel.rm(src, width, next);
        return Intel.insn(op.mnemonic(), dst instanceof Mem ? dst : src, next, Intel.rm(dst, width, next), s);
    }
}
