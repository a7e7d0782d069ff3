package dev.kiln.internal.compiler.backend;

import java.util.Arrays;

/**
 * One x86-64 instruction (or a short fixed sequence) on registers that may still be virtual:
 * the layer between SSA and the {@link dev.kiln.internal.compiler.amd64.Assembler}, whose
 * operands are physical registers. The register allocator sees only what this class says —
 * the registers read ({@link #use}), written ({@link #def}) and destroyed ({@link #clobbers}) —
 * and rewrites virtual registers to physical ones in place; {@link #emit} then runs with every
 * register physical.
 *
 * <p>The rules every subclass keeps, and the allocator relies on:
 * <ul>
 *   <li>Uses are read before any def is written, so a def may share a physical register with a
 *       use that dies here. A two-address operation ({@code add dst, src}) is written with the
 *       same register as a use and a def.
 *   <li>A register listed in {@link #clobbers} holds garbage afterwards (a call's caller-saved
 *       registers); a def is never also a clobber.
 *   <li>Physical registers appear only where the lowering fixed them, in short ranges from a
 *       move into them to the instruction that needs them (or from the instruction to a move
 *       out); a physical register used before any def in the function is live from its entry
 *       (the parameters).
 *   <li>Flags never live from one machine instruction to the next: a compare and the branch,
 *       {@code setcc} or trap that reads it are one instruction, so the allocator may put its
 *       moves, spills and reloads (all {@code mov}s) between any two.
 *   <li>A terminator defines nothing.
 * </ul>
 */
public abstract class MachineInstruction {

    private static final int[] NONE = {};

    private final int[] uses;
    private final int[] defs;
    private int sourceOffset = -1;

    protected MachineInstruction(int[] uses, int[] defs) {
        this.uses = uses.length == 0 ? NONE : uses.clone();
        this.defs = defs.length == 0 ? NONE : defs.clone();
    }

    /** How many registers this instruction reads. */
    public final int useCount() {
        return uses.length;
    }

    /** Register read number {@code i}. */
    public final int use(int i) {
        return uses[i];
    }

    /** Replaces register read number {@code i} (the allocator's rewrite). */
    public final void setUse(int i, int reg) {
        uses[i] = reg;
    }

    /** How many registers this instruction writes. */
    public final int defCount() {
        return defs.length;
    }

    /** Register written number {@code i}. */
    public final int def(int i) {
        return defs[i];
    }

    /** Replaces register written number {@code i}. */
    public final void setDef(int i, int reg) {
        defs[i] = reg;
    }

    /**
     * The byte offset in the module binary of the WebAssembly instruction this one lowers, or -1
     * (a move the allocator added): where a trap here or a call from here is in a stack trace.
     */
    public final int sourceOffset() {
        return sourceOffset;
    }

    /** Says which WebAssembly instruction this one lowers ({@link #sourceOffset}). */
    public final void setSourceOffset(int offset) {
        sourceOffset = offset;
    }

    /** The physical registers this instruction destroys besides its defs, as a {@link Reg#bit} mask. */
    public long clobbers() {
        return 0;
    }

    /** Whether this is a plain copy of {@code use(0)} into {@code def(0)}, of one class. */
    public boolean isMove() {
        return false;
    }

    /** Whether this ends its block (a jump, branch, return or trap). */
    public boolean isTerminator() {
        return false;
    }

    /** Emits the instruction; every register is physical by now. */
    public abstract void emit(Emission emission);

    /**
     * The instruction as text, registers named by {@link Reg#name}: {@code v40 = add.32 v40, v41},
     * {@code br l.32 v40, v41 -> m2, m3}.
     */
    @Override
    public final String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < defs.length; i++) {
            text.append(i == 0 ? "" : ", ").append(Reg.name(defs[i]));
        }
        if (defs.length > 0) {
            text.append(" = ");
        }
        text.append(mnemonic());
        String details = details();
        if (!details.isEmpty()) {
            text.append(' ').append(details);
        }
        for (int i = 0; i < uses.length; i++) {
            text.append(i == 0 ? " " : ", ").append(Reg.name(uses[i]));
        }
        String targets = targets();
        if (!targets.isEmpty()) {
            text.append(" -> ").append(targets);
        }
        return text.toString();
    }

    /** The instruction's name in text, e.g. {@code add.64}. */
    protected abstract String mnemonic();

    /** What the text shows between the mnemonic and the uses (immediates, a condition); empty if nothing. */
    protected String details() {
        return "";
    }

    /** The blocks or trap a branch goes to, shown after the uses; empty if none. */
    protected String targets() {
        return "";
    }

    /** {@code regs} and then {@code reg}: how subclasses list their uses. */
    protected static int[] append(int[] regs, int reg) {
        int[] all = Arrays.copyOf(regs, regs.length + 1);
        all[regs.length] = reg;
        return all;
    }
}
