package dev.kiln.internal.compiler.amd64;

/**
 * {@code jmp label}: EB rel8 when the label is within reach after layout, else E9 rel32. The
 * assembler keeps it aside as a relaxable site and chooses its size in {@link Assembler#finish()}.
 */
public record Jmp(Label target) implements Instruction {

    static final int SHORT_SIZE = 2;
    static final int LONG_SIZE = 5;

    /** Writes the branch at {@code at} in the finished code, {@code size} bytes long. */
    static void write(byte[] out, int at, int size, int targetOffset) {
        int rel = targetOffset - (at + size);
        if (size == SHORT_SIZE) {
            out[at] = (byte) 0xeb;
            out[at + 1] = (byte) rel;
        } else {
            out[at] = (byte) 0xe9;
            Sites.put32(out, at + 1, rel);
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.jmp(target);
    }

    @Override
    public String intel(int next) {
        return "jmp " + Intel.hex(target.offset());
    }
}
