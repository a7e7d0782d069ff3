package dev.kiln.internal.compiler.amd64;

/**
 * {@code lea r64, [address]} or {@code lea r32, [address]}: the address computation alone, no
 * memory access. The 32-bit form keeps the low 32 bits of the sum and zeroes the rest, which
 * makes it a three-operand i32 add.
 */
public record Lea(Width width, Gpr dst, Mem src) implements Instruction {

    /** The 64-bit form. */
    public Lea(Gpr dst, Mem src) {
        this(Width.W64, dst, src);
    }

    static void encode(CodeBuffer b, Width width, Gpr dst, Mem src) {
        if (dst == null || src == null) {
            throw Encoding.reject("lea", "operands must not be null");
        }
        if (width != Width.W32 && width != Width.W64) {
            throw Encoding.reject("lea", "only the 32- and 64-bit forms are supported, not " + width);
        }
        Encoding.regMem(b, 0, width == Width.W64, 0x8d, dst.code(), src, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.lea(width, dst, src);
    }

    @Override
    public String intel(int next) {
        return Intel.insn("lea", src, next, dst.name(width), Intel.mem(src, null, next));
    }
}
