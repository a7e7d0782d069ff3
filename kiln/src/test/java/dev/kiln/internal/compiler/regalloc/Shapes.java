package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.MachineBlock;
import dev.kiln.internal.compiler.backend.MachineFunction;

/** The control-flow shapes the hand-written tests build their functions on, blocks empty. */
final class Shapes {

    private Shapes() {}

    /** {@code entry -> body -> body | exit}: a one-block loop at depth 1. */
    record Loop(MachineBlock entry, MachineBlock body, MachineBlock exit) {}

    /** {@code entry -> left | right -> join}. */
    record Diamond(MachineBlock left, MachineBlock right, MachineBlock join) {}

    static Loop loop(MachineFunction function) {
        MachineBlock entry = function.newBlock();
        MachineBlock body = function.newBlock();
        MachineBlock exit = function.newBlock();
        entry.addSuccessor(body);
        body.addSuccessor(body);
        body.addSuccessor(exit);
        body.setLoopDepth(1);
        return new Loop(entry, body, exit);
    }

    /** A diamond below {@code entry}, the function's last block. */
    static Diamond diamond(MachineFunction function, MachineBlock entry) {
        MachineBlock left = function.newBlock();
        MachineBlock right = function.newBlock();
        MachineBlock join = function.newBlock();
        entry.addSuccessor(left);
        entry.addSuccessor(right);
        left.addSuccessor(join);
        right.addSuccessor(join);
        return new Diamond(left, right, join);
    }
}
