package dev.kiln.internal.compiler.backend;

import dev.kiln.TrapKind;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;

/** What a {@link MachineInstruction} emits with: the assembler, block labels and the frame. */
public interface Emission {

    /** The assembler the function is emitted into. */
    Assembler assembler();

    /** The label bound at the start of {@code block}. */
    Label label(MachineBlock block);

    /** Whether {@code block} is emitted right after the current one (a jump to it can be left out). */
    boolean isNext(MachineBlock block);

    /**
     * A label to jump to for a trap of {@code kind} with the execution context in {@code context}:
     * an out-of-line stub after the function's code, the instruction being emitted's own.
     */
    Label trapSite(TrapKind kind, Gpr context);

    /**
     * A label to jump to when the interrupt flag is found raised, with the execution context in
     * {@code context}: an out-of-line exit with {@code TERMINATION_CHECK}, which Java answers
     * with an {@code INTERRUPTED} trap.
     */
    Label interruptSite(Gpr context);

    /**
     * Marks the address just emitted up to as a stopping point of the instruction being emitted:
     * a call's return address, which the stack trace maps back to the instruction's Wasm offset.
     */
    void markStop();

    /** Emits the epilogue: callee-saved registers restored, the frame unlinked; a {@code ret} follows. */
    void epilogue();

    /**
     * A 16-byte constant ({@code low} in bytes 0..7, {@code high} in 8..15), 16-aligned in the
     * function's constant pool after its code, as a RIP-relative operand.
     */
    Mem constant(long low, long high);

    /** The frame address of spill slot {@code slot}. */
    Mem spillSlot(int slot);

    /**
     * Says that the instruction being emitted ended with an ALU operation ({@code add},
     * {@code sub}, {@code and}, {@code or}, {@code xor}) writing {@code register} at
     * {@code width}: its zero flag then says whether {@code register} is zero, for the next
     * instruction only.
     */
    void flagsSetBy(Gpr register, Width width);

    /**
     * Whether the flags as the previous instruction of this block left them say whether
     * {@code register}, at {@code width}, is zero: a branch on it needs no {@code test}.
     */
    boolean zeroFlagOf(Gpr register, Width width);
}
