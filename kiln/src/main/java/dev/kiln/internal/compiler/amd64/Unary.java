package dev.kiln.internal.compiler.amd64;

/** {@code not neg mul imul div idiv} on a register or memory operand ({@code F6/F7 /op}). */
public record Unary(UnaryOp op, Width width, Operand operand) implements Instruction {

    static void encode(CodeBuffer b, UnaryOp op, Width w, Operand operand) {
        Encoding.requireRegOrMem(op.mnemonic, operand, "operand");
        Encoding.regRm(b, Encoding.sizePrefix(w), Encoding.rexW(w), w == Width.W8 ? 0xf6 : 0xf7, op.extension,
                operand, 0, Encoding.byteRex(w, operand, null));
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.unary(op, width, operand);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, operand, next, Intel.rm(operand, width, next));
    }
}
