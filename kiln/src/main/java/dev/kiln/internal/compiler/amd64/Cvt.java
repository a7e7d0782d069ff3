package dev.kiln.internal.compiler.amd64;

/**
 * A {@link CvtOp}. {@code width} is the integer side's width (W32 or W64, the latter adding REX.W);
 * {@code dst} and {@code src} are XMM and general register/memory, or the other way round.
 */
public record Cvt(CvtOp op, Width width, Operand dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, CvtOp op, Width w, Operand dst, Operand src) {
        Encoding.requireWidth(op.mnemonic, w, w == Width.W32 || w == Width.W64);
        int reg;
        if (op.toFloat) {
            if (!(dst instanceof Xmm x)) {
                throw Encoding.reject(op.mnemonic, "destination must be an XMM register, got " + Encoding.describe(dst));
            }
            Encoding.requireRegOrMem(op.mnemonic, src, "source");
            reg = x.code();
        } else {
            if (!(dst instanceof Gpr g)) {
                throw Encoding.reject(op.mnemonic, "destination must be a general register, got " + Encoding.describe(dst));
            }
            Encoding.requireXmmOrMem(op.mnemonic, src, "source");
            reg = g.code();
        }
        Encoding.regRm(b, op.prefix, w == Width.W64, op.opcode, reg, src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.cvt(op, width, dst, src);
    }

    @Override
    public String intel(int next) {
        String d;
        String s;
        if (op.toFloat) {
            d = ((Xmm) dst).intelName();
            s = Intel.rm(src, width, next);
        } else {
            d = ((Gpr) dst).name(width);
            s = Intel.xmmRm(src, op.floatPtr(), next);
        }
        return Intel.insn(op.mnemonic, src, next, d, s);
    }
}
