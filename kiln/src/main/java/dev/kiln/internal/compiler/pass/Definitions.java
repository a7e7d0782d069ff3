package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;

/** What defines each value, as the function is now: an instruction, or a block's parameter. */
final class Definitions {

    private final Instruction[] byValue;
    private final Block[] paramBlock;
    private final int[] paramIndex;

    Definitions(Function function) {
        int limit = function.valueIdLimit();
        byValue = new Instruction[limit];
        paramBlock = new Block[limit];
        paramIndex = new int[limit];
        for (Block b : function.blocks()) {
            for (int p = 0; p < b.paramCount(); p++) {
                paramBlock[b.param(p)] = b;
                paramIndex[b.param(p)] = p;
            }
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

    /** The block whose parameter {@code value} is; null if it is none's. */
    Block paramBlock(int value) {
        return value < paramBlock.length ? paramBlock[value] : null;
    }

    /** Which parameter of {@link #paramBlock} {@code value} is. */
    int paramIndex(int value) {
        return paramIndex[value];
    }
}
