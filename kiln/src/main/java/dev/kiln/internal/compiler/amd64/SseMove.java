package dev.kiln.internal.compiler.amd64;

/** An SSE move ({@link SseMoveOp}) between XMM registers, or between an XMM register and memory. */
public record SseMove(SseMoveOp op, Operand dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, SseMoveOp op, Operand dst, Operand src) {
        if (dst instanceof Xmm d && (src instanceof Xmm || src instanceof Mem)) {
            Encoding.regRm(b, op.prefix, false, op.load, d.code(), src, 0, false);
        } else if (dst instanceof Mem m && src instanceof Xmm s) {
            Encoding.regMem(b, op.prefix, false, op.store, s.code(), m, 0, false);
        } else {
            throw Encoding.reject(op.mnemonic, "cannot move " + Encoding.describe(src) + " to "
                    + Encoding.describe(dst) + " (needs an XMM register on at least one side, the other XMM or memory)");
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.sseMove(op, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, dst instanceof Mem ? dst : src, next,
                Intel.xmmRm(dst, op.ptr, next), Intel.xmmRm(src, op.ptr, next));
    }
}
