package dev.kiln.internal.compiler.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A basic block of machine instructions, the last of which is its terminator. Successors are
 * the terminator's targets in order; the register allocator may insert instructions anywhere
 * (before the terminator for code on the way out). Critical edges are split before lowering,
 * so a move on an edge always has a block of its own to go in.
 */
public final class MachineBlock {

    private final int id;
    private final List<MachineInstruction> instructions = new ArrayList<>();
    private final List<MachineBlock> successors = new ArrayList<>();
    private final List<MachineBlock> predecessors = new ArrayList<>();
    private int loopDepth;

    MachineBlock(int id) {
        this.id = id;
    }

    /** Dense in its function; printed {@code m<id>}. */
    public int id() {
        return id;
    }

    /** The instructions in order; the allocator edits this list. */
    public List<MachineInstruction> instructions() {
        return instructions;
    }

    /** Adds an instruction at the end. */
    public void append(MachineInstruction instruction) {
        instructions.add(instruction);
    }

    /** The blocks control may go to from here, in the terminator's order. */
    public List<MachineBlock> successors() {
        return successors;
    }

    /** The blocks that may come here. */
    public List<MachineBlock> predecessors() {
        return predecessors;
    }

    /** Adds an edge from this block to {@code successor}. */
    public void addSuccessor(MachineBlock successor) {
        successors.add(successor);
        successor.predecessors.add(this);
    }

    /** How many loops contain this block (0 outside every loop): spill costs weigh by it. */
    public int loopDepth() {
        return loopDepth;
    }

    public void setLoopDepth(int loopDepth) {
        this.loopDepth = loopDepth;
    }

    @Override
    public String toString() {
        return "m" + id;
    }
}
