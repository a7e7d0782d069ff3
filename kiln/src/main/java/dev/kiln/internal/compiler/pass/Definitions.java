package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;

/** Which instruction defines each value (null for a block parameter), as the function is now. */
final class Definitions {

    private final Instruction[] byValue;

    Definitions(Function function) {
        byValue = new Instruction[function.valueIdLimit()];
        for (Block b : function.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                for (int r = 0; r < i.resultCount(); r++) {
                    byValue[i.result(r)] = i;
                }
            }
        }
    }

    /** The instruction defining {@code value}; null for a parameter or a value made since. */
    Instruction of(int value) {
        return value < byValue.length ? byValue[value] : null;
    }
}
