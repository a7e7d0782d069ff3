package dev.kiln.internal.compiler.amd64;

/**
 * {@code push r64} (50+r) or {@code push imm} (6A ib / 68 id, sign-extended to 64 bits: objdump
 * prints the 64-bit value).
 */
public record Push(Operand src) implements Instruction {

    static void encode(CodeBuffer b, Operand src) {
        if (src instanceof Gpr g) {
            Encoding.opReg(b, 0, false, 0x50, g.code(), false);
        } else if (src instanceof Imm imm) {
            long v = imm.value();
            if (imm.fitsInt8()) {
                b.emit8(0x6a);
                b.emit8((int) v);
            } else if (imm.fitsInt32()) {
                b.emit8(0x68);
                b.emit32((int) v);
            } else {
                throw Encoding.reject("push", "immediate " + v + " does not fit a sign-extended imm32");
            }
        } else {
            throw Encoding.reject("push", "cannot push " + Encoding.describe(src));
        }
    }

    @Override
    public void emitTo(Assembler asm) {
        if (src instanceof Gpr g) {
            asm.push(g);
        } else {
            asm.push((Imm) src);
        }
    }

    @Override
    public String intel(int next) {
        return "push " + (src instanceof Gpr g ? g.name(Width.W64) : Intel.hex(((Imm) src).value()));
    }
}
