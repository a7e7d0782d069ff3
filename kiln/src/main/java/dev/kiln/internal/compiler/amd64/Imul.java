package dev.kiln.internal.compiler.amd64;

/** Two-operand signed multiply, {@code dst *= src} (0F AF /r); no byte form. */
public record Imul(Width width, Gpr dst, Operand src) implements Instruction {

    static void encode(CodeBuffer b, Width w, Gpr dst, Operand src) {
        check(w, dst, src);
        Encoding.regRm(b, Encoding.sizePrefix(w), Encoding.rexW(w), 0x0faf, dst.code(), src, 0, false);
    }

    static void check(Width w, Gpr dst, Operand src) {
        Encoding.requireWidth("imul", w, w != Width.W8);
        if (dst == null) {
            throw Encoding.reject("imul", "destination must be a general register");
        }
        Encoding.requireRegOrMem("imul", src, "source");
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.imul(width, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("imul", src, next, dst.name(width), Intel.rm(src, width, next));
    }
}
