package dev.kiln.internal.compiler.amd64;

/**
 * A rotate or shift by a constant: {@code D0/D1 /op} for a count of 1 (one byte shorter),
 * else {@code C0/C1 /op ib}. The CPU masks the count to 5 bits (6 for W64); the encoder takes any
 * imm8, 0..255.
 */
public record Shift(ShiftOp op, Width width, Operand dst, int count) implements Instruction {

    static void encode(CodeBuffer b, ShiftOp op, Width w, Operand dst, int count) {
        Encoding.requireRegOrMem(op.mnemonic, dst, "destination");
        if (count < 0 || count > 255) {
            throw Encoding.reject(op.mnemonic, "count " + count + " is not an imm8 (0..255)");
        }
        boolean w8 = w == Width.W8;
        int px = Encoding.sizePrefix(w);
        boolean rex = Encoding.byteRex(w, dst, null);
        if (count == 1) {
            Encoding.regRm(b, px, Encoding.rexW(w), w8 ? 0xd0 : 0xd1, op.extension, dst, 0, rex);
        } else {
            Encoding.regRm(b, px, Encoding.rexW(w), w8 ? 0xc0 : 0xc1, op.extension, dst, 1, rex);
            b.emit8(count);
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.shift(op, width, dst, count);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, dst, next, Intel.rm(dst, width, next), count == 1 ? "1" : Intel.hex(count));
    }
}
