package dev.kiln.internal.compiler.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A function as machine instructions: blocks in emission order (the first is the entry), the
 * class of every virtual register, and the spill slots the allocator asked for.
 */
public final class MachineFunction {

    private final String name;
    private final List<MachineBlock> blocks = new ArrayList<>();
    private RegClass[] classes = new RegClass[64];
    private int regLimit = Reg.PHYSICAL;
    private int spillSlots;
    private int outgoingArea;

    public MachineFunction(String name) {
        this.name = name;
    }

    /** The function's name, for dumps and errors. */
    public String name() {
        return name;
    }

    /** A new empty block, last in emission order. */
    public MachineBlock newBlock() {
        MachineBlock block = new MachineBlock(blocks.size());
        blocks.add(block);
        return block;
    }

    /** The blocks in emission order; unmodifiable. */
    public List<MachineBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    /** A new virtual register of class {@code regClass}. */
    public int newVirtual(RegClass regClass) {
        int reg = regLimit++;
        if (reg >= classes.length) {
            classes = Arrays.copyOf(classes, classes.length * 2);
        }
        classes[reg] = regClass;
        return reg;
    }

    /** Every register, physical or virtual, is below this. */
    public int regLimit() {
        return regLimit;
    }

    /** The class of any register of this function. */
    public RegClass regClass(int reg) {
        if (Reg.isPhysical(reg)) {
            return Reg.physicalClass(reg);
        }
        if (reg >= regLimit) {
            throw new IllegalArgumentException("no register " + reg + " in " + name);
        }
        return classes[reg];
    }

    /** A new 8-byte spill slot in the frame; slots are numbered from 0. */
    public int newSpillSlot() {
        return spillSlots++;
    }

    /**
     * Every register (a {@link Reg#bit} mask) some instruction defines or clobbers: after
     * allocation, the callee-saved ones among them are what the prologue saves. The allocator
     * reports it and the emitter acts on it, so both read this one definition.
     */
    public long registersWritten() {
        long written = 0;
        for (MachineBlock block : blocks) {
            for (MachineInstruction instruction : block.instructions()) {
                written |= instruction.clobbers();
                for (int i = 0; i < instruction.defCount(); i++) {
                    written |= Reg.bit(instruction.def(i));
                }
            }
        }
        return written;
    }

    /** How many spill slots the frame needs. */
    public int spillSlotCount() {
        return spillSlots;
    }

    /** Makes the outgoing area of calls (at RSP) at least {@code bytes} long (a multiple of 16). */
    public void reserveOutgoingArea(int bytes) {
        outgoingArea = Math.max(outgoingArea, (bytes + 15) & -16);
    }

    /** The bytes at RSP where calls find their stack arguments and leave stack results. */
    public int outgoingArea() {
        return outgoingArea;
    }

    /** Every block with its instructions, one per line; the golden-test text. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("machine function ").append(name).append(" {\n");
        for (MachineBlock block : blocks) {
            text.append(block).append(':');
            if (block.loopDepth() > 0) {
                text.append("  ; loop depth ").append(block.loopDepth());
            }
            text.append('\n');
            for (MachineInstruction instruction : block.instructions()) {
                text.append("    ").append(instruction).append('\n');
            }
        }
        return text.append("}\n").toString();
    }
}
