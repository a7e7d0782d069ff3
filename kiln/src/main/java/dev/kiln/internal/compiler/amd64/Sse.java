package dev.kiln.internal.compiler.amd64;

/** An {@link SseOp}: {@code dst = dst op src} (or a compare that only sets flags). */
public record Sse(SseOp op, Xmm dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, SseOp op, Xmm dst, Operand src) {
        if (dst == null) {
            throw Encoding.reject(op.mnemonic, "destination must be an XMM register");
        }
        Encoding.requireXmmOrMem(op.mnemonic, src, "source");
        Encoding.regRm(b, op.prefix, false, op.opcode, dst.code(), src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.sse(op, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, src, next, dst.intelName(), Intel.xmmRm(src, op.ptr, next));
    }
}
