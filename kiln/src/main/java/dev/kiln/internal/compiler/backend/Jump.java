package dev.kiln.internal.compiler.backend;

/** Goes to the block's only successor; nothing when that block is emitted next. */
public final class Jump extends MachineInstruction {

    private final MachineBlock target;

    public Jump(MachineBlock target) {
        super(new int[0], new int[0]);
        this.target = target;
    }

    public MachineBlock target() {
        return target;
    }

    @Override
    public boolean isTerminator() {
        return true;
    }

    @Override
    public void emit(Emission e) {
        if (!e.isNext(target)) {
            e.assembler().jmp(e.label(target));
        }
    }

    @Override
    protected String mnemonic() {
        return "jmp";
    }

    @Override
    protected String targets() {
        return target.toString();
    }
}
