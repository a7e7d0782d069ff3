package dev.kiln.internal.compiler.amd64;

/**
 * {@code call label} (E8 rel32). Calls have no short form, so this is not relaxed: the rel32 is
 * patched once the label's offset is known.
 */
public record Call(Label target) implements Instruction {

    static void encode(CodeBuffer b, Label target) {
        b.emit8(0xe8);
        b.emitLabelRel32(target, 0, 0);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.call(target);
    }

    @Override
    public String intel(int next) {
        return "call " + Intel.hex(target.offset());
    }
}
