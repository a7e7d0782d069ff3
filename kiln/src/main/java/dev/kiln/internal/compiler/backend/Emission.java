package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;

/** What a {@link MachineInstruction} emits with: the assembler, block labels and the frame. */
public interface Emission {

    /** The assembler the function is emitted into. */
    Assembler assembler();

    /** The label bound at the start of {@code block}. */
    Label label(MachineBlock block);

    /** Whether {@code block} is emitted right after the current one (a jump to it can be left out). */
    boolean isNext(MachineBlock block);

    /** The frame address of spill slot {@code slot}. */
    Mem spillSlot(int slot);
}
