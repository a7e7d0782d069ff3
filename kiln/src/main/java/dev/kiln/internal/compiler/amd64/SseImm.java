package dev.kiln.internal.compiler.amd64;

/** An {@link SseImmOp}: {@code dst = op(dst, src, imm8)}. */
public record SseImm(SseImmOp op, Xmm dst, Operand src, int imm) implements Instruction {

    /** ROUND immediates: bits 1:0 pick the mode, bit 2 would defer to MXCSR, bit 3 suppresses the precision exception. */
    public static final int ROUND_NEAREST = 0;
    public static final int ROUND_DOWN = 1;
    public static final int ROUND_UP = 2;
    public static final int ROUND_TRUNCATE = 3;
    public static final int ROUND_NO_PRECISION_EXCEPTION = 8;

    static void encode(CodeBuffer b, SseImmOp op, Xmm dst, Operand src, int imm) {
        if (dst == null) {
            throw Encoding.reject(op.mnemonic, "destination must be an XMM register");
        }
        Encoding.requireXmmOrMem(op.mnemonic, src, "source");
        if (imm < 0 || imm > 255) {
            throw Encoding.reject(op.mnemonic, "immediate " + imm + " is not an imm8 (0..255)");
        }
        Encoding.regRm(b, op.prefix, false, op.opcode, dst.code(), src, 1, false);
        b.emit8(imm);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.sse(op, dst, src, imm);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, src, next, dst.intelName(), Intel.xmmRm(src, op.ptr, next), Intel.hex(imm));
    }
}
