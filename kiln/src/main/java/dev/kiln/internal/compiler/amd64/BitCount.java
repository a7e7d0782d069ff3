package dev.kiln.internal.compiler.amd64;

/** A {@link BitOp}: {@code dst = op(src)}, 16, 32 or 64 bits. */
public record BitCount(BitOp op, Width width, Gpr dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, BitOp op, Width w, Gpr dst, Operand src) {
        Encoding.requireWidth(op.mnemonic, w, w != Width.W8);
        if (dst == null) {
            throw Encoding.reject(op.mnemonic, "destination must be a general register");
        }
        Encoding.requireRegOrMem(op.mnemonic, src, "source");
        // The operand-size prefix goes before the mandatory F3.
        int prefixes = op.prefix == 0 ? Encoding.sizePrefix(w)
                : w == Width.W16 ? Encoding.OPERAND_SIZE << 8 | op.prefix : op.prefix;
        Encoding.regRm(b, prefixes, Encoding.rexW(w), op.opcode, dst.code(), src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.bitCount(op, width, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn(op.mnemonic, src, next, dst.name(width), Intel.rm(src, width, next));
    }
}
