package dev.kiln.internal.compiler.amd64;

/**
 * {@code setcc r8} (0F 90+cc /0): the low byte becomes 0 or 1, the rest of the register is kept,
 * so callers usually zero it first or {@code movzx} after.
 */
public record Setcc(Condition condition, Gpr dst) implements Instruction {

    static void encode(CodeBuffer b, Condition cc, Gpr dst) {
        if (cc == null || dst == null) {
            throw Encoding.reject("setcc", "condition and register must not be null");
        }
        Encoding.regReg(b, 0, false, 0x0f90 | cc.code(), 0, dst.code(), dst.byteNeedsRex());
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.setcc(condition, dst);
    }

    @Override
    public String intel(int next) {
        return "set" + condition.suffix() + " " + dst.name(Width.W8);
    }
}
