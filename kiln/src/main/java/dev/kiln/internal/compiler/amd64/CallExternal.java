package dev.kiln.internal.compiler.amd64;

/**
 * {@code call rel32} to code outside this assembler's buffer (another function, a trampoline).
 * The rel32 is left 0 and reported as a {@link Relocation} for whoever lays the code out to patch;
 * until then objdump sees a call to the next instruction, and that is what this prints.
 */
public record CallExternal(Object target) implements Instruction {

    static void encode(CodeBuffer b, Object target) {
        if (target == null) {
            throw Encoding.reject("call", "the external target must not be null");
        }
        b.emit8(0xe8);
        b.emitRelocation(target);
    }

    @Override
    public void emitTo(Assembler asm) {
        asm.callExternal(target);
    }

    @Override
    public String intel(int next) {
        return "call " + Intel.hex(next);
    }
}
