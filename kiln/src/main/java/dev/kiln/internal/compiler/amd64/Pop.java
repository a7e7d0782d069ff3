package dev.kiln.internal.compiler.amd64;

/** {@code pop r64} (58+r). */
public record Pop(Gpr dst) implements Instruction {

    static void encode(CodeBuffer b, Gpr dst) {
        if (dst == null) {
            throw Encoding.reject("pop", "register must not be null");
        }
        Encoding.opReg(b, 0, false, 0x58, dst.code(), false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.pop(dst);
    }

    @Override
    public String intel(int next) {
        return "pop " + dst.name(Width.W64);
    }
}
