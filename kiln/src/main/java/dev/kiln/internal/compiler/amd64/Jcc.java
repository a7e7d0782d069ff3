package dev.kiln.internal.compiler.amd64;

/**
 * {@code jcc label}: 70+cc rel8 when the label is within reach after layout, else 0F 80+cc
 * rel32. Relaxed like {@link Jmp}.
 */
public record Jcc(Condition condition, Label target) implements Instruction {

    static final int SHORT_SIZE = 2;
    static final int LONG_SIZE = 6;

    static void write(byte[] out, int at, int size, int cc, int targetOffset) {
        int rel = targetOffset - (at + size);
        if (size == SHORT_SIZE) {
            out[at] = (byte) (0x70 | cc);
            out[at + 1] = (byte) rel;
        } else {
            out[at] = 0x0f;
            out[at + 1] = (byte) (0x80 | cc);
            Sites.put32(out, at + 2, rel);
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.jcc(condition, target);
    }

    @Override
    public String intel(int next) {
        return "j" + condition.suffix() + " " + Intel.hex(target.offset());
    }
}
