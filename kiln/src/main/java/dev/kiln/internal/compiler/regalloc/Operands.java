package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineInstruction;

/** An instruction's registers as arrays, kept before the allocator renames them in place. */
final class Operands {

    private Operands() {}

    static int[] uses(MachineInstruction instruction) {
        int[] uses = new int[instruction.useCount()];
        for (int i = 0; i < uses.length; i++) {
            uses[i] = instruction.use(i);
        }
        return uses;
    }

    static int[] defs(MachineInstruction instruction) {
        int[] defs = new int[instruction.defCount()];
        for (int i = 0; i < defs.length; i++) {
            defs[i] = instruction.def(i);
        }
        return defs;
    }
}
