package dev.kiln.internal.compiler.amd64;

/**
 * Three-operand signed multiply, {@code dst = src * imm}: {@code 6B /r ib} when the immediate
 * fits a sign-extended imm8, else {@code 69 /r iw/id}.
 */
public record ImulImm(Width width, Gpr dst, Operand src, int imm) implements Instruction {

    static void encode(CodeBuffer b, Width w, Gpr dst, Operand src, int imm) {
        Imul.check(w, dst, src);
        Encoding.requireImmediate("imul", w, imm);
        long v = w.signExtend(imm);
        int px = Encoding.sizePrefix(w);
        boolean rw = Encoding.rexW(w);
        if (v == (byte) v) {
            Encoding.regRm(b, px, rw, 0x6b, dst.code(), src, 1, false);
            b.emit8((int) v);
        } else {
            int immBytes = Math.min(w.bytes(), 4);
            Encoding.regRm(b, px, rw, 0x69, dst.code(), src, immBytes, false);
            b.emitImm(v, immBytes);
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.imul(width, dst, src, imm);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("imul", src, next, dst.name(width), Intel.rm(src, width, next), Intel.imm(imm, width));
    }
}
