package dev.kiln.internal.compiler.amd64;

/**
 * {@code cmovcc dst, src} (0F 40+cc /r). A 32-bit cmov zeroes the upper half of {@code dst} even
 * when the condition is false.
 */
public record Cmov(Condition condition, Width width, Gpr dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, Condition cc, Width w, Gpr dst, Operand src) {
        String mnemonic = "cmov";
        Encoding.requireWidth(mnemonic, w, w != Width.W8);
        if (cc == null || dst == null) {
            throw Encoding.reject(mnemonic, "condition and destination must not be null");
        }
        Encoding.requireRegOrMem(mnemonic, src, "source");
        Encoding.regRm(b, Encoding.sizePrefix(w), Encoding.rexW(w), 0x0f40 | cc.code(), dst.code(), src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.cmov(condition, width, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("cmov" + condition.suffix(), src, next, dst.name(width), Intel.rm(src, width, next));
    }
}
