package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.Emission;
import dev.kiln.internal.compiler.backend.MachineInstruction;

/** A machine instruction that only names its registers: what the allocator sees of any instruction. */
final class TestOp extends MachineInstruction {

    private final String mnemonic;
    private final long clobbers;
    private final boolean terminator;

    private TestOp(String mnemonic, int[] defs, int[] uses, long clobbers, boolean terminator) {
        super(uses, defs);
        this.mnemonic = mnemonic;
        this.clobbers = clobbers;
        this.terminator = terminator;
    }

    /** {@code defs = mnemonic uses}. */
    static TestOp op(String mnemonic, int[] defs, int... uses) {
        return new TestOp(mnemonic, defs, uses, 0, false);
    }

    /** A call: reads its argument registers, writes its results, destroys {@code clobbers}. */
    static TestOp call(long clobbers, int[] results, int... arguments) {
        return new TestOp("call", results, arguments, clobbers, false);
    }

    /** A terminator reading {@code uses}: a branch to the block's successors, or a return. */
    static TestOp terminator(String mnemonic, int... uses) {
        return new TestOp(mnemonic, new int[0], uses, 0, true);
    }

    static int[] regs(int... regs) {
        return regs;
    }

    @Override
    public long clobbers() {
        return clobbers;
    }

    @Override
    public boolean isTerminator() {
        return terminator;
    }

    @Override
    public void emit(Emission emission) {
        throw new UnsupportedOperationException("test instruction " + mnemonic);
    }

    @Override
    protected String mnemonic() {
        return mnemonic;
    }
}
