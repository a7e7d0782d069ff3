package dev.kiln.internal.compiler.amd64;

/**
 * {@code xchg r/m, r} (86/87 /r). With a memory operand it is implicitly locked (atomic, and slow).
 * The one-byte {@code 90+r} form with the accumulator is not used: 90 itself is {@code nop}.
 */
public record Xchg(Width width, Operand a, Gpr b) implements Instruction {

    static void encode(CodeBuffer buf, Width w, Operand a, Gpr b) {
        Encoding.requireRegOrMem("xchg", a, "first operand");
        if (b == null) {
            throw Encoding.reject("xchg", "second operand must be a general register");
        }
        Encoding.regRm(buf, Encoding.sizePrefix(w), Encoding.rexW(w), w == Width.W8 ? 0x86 : 0x87, b.code(), a, 0,
                Encoding.byteRex(w, a, b));
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.xchg(width, a, b);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("xchg", a, next, Intel.rm(a, width, next), b.name(width));
    }
}
