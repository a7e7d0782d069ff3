package dev.kiln.internal.compiler.amd64;

/**
 * {@code jmp r/m64} (FF /4) or {@code call r/m64} (FF /2): the target address is in a register or
 * in memory. Near branches are 64-bit by default, so no REX.W.
 */
public record IndirectBranch(boolean isCall, Operand target) implements Instruction {

    static void encode(CodeBuffer b, boolean isCall, Operand target) {
        String mnemonic = isCall ? "call" : "jmp";
        Encoding.requireRegOrMem(mnemonic, target, "target");
        Encoding.regRm(b, 0, false, 0xff, isCall ? 2 : 4, target, 0, false);
    }

    @Override
    public void emitTo(Assembler asm) {
        if (isCall) {
            asm.call(target);
        } else {
            asm.jmp(target);
        }
    }

    @Override
    public String intel(int next) {
        return Intel.insn(isCall ? "call" : "jmp", target, next, Intel.rm(target, Width.W64, next));
    }
}
