package dev.kiln.internal.compiler.backend;

/**
 * Returns to the caller: the epilogue (restore the callee-saved registers the function used,
 * unlink the frame) and {@code ret}. The register results are uses, physical, already in
 * place; stack results are already stored.
 */
public final class Return extends MachineInstruction {

    public Return(int[] resultRegs) {
        super(resultRegs, new int[0]);
    }

    @Override
    public boolean isTerminator() {
        return true;
    }

    @Override
    public void emit(Emission e) {
        e.epilogue();
        e.assembler().ret();
    }

    @Override
    protected String mnemonic() {
        return "ret";
    }
}
