package dev.kiln.internal.compiler.amd64;

/** {@code lea r64, [address]}: the address computation alone, no memory access. */
public record Lea(Gpr dst, Mem src) implements Instruction {

    static void encode(CodeBuffer b, Gpr dst, Mem src) {
        if (dst == null || src == null) {
            throw Encoding.reject("lea", "operands must not be null");
        }
        Encoding.regMem(b, 0, true, 0x8d, dst.code(), src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.lea(dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("lea", src, next, dst.name(Width.W64), Intel.mem(src, null, next));
    }
}
