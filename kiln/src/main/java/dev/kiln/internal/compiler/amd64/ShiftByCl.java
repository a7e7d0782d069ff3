package dev.kiln.internal.compiler.amd64;

/** A rotate or shift by the count in {@code cl} ({@code D2/D3 /op}). */
public record ShiftByCl(ShiftOp op, Width width, Operand dst) implements Instruction {

    static void encode(CodeBuffer b, ShiftOp op, Width w, Operand dst) {
        Encoding.requireRegOrMem(op.mnemonic, dst, "destination");
        Encoding.regRm(b, Encoding.sizePrefix(w), Encoding.rexW(w), w == Width.W8 ? 0xd2 : 0xd3, op.extension, dst, 0,
                Encoding.byteRex(w, dst, null));
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.shiftByCl(op, width, dst);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, dst, next, Intel.rm(dst, width, next), "cl");
    }
}
