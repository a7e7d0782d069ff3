package dev.kiln.internal.compiler.ssa;

/**
 * A basic block: typed parameters, then instructions in a doubly linked list, the last of which
 * is its one terminator once the block is complete. A block's parameters take the place of phi
 * instructions: each branch to the block passes one argument per parameter.
 *
 * <p>The list is linked so that passes insert and remove instructions anywhere in constant time.
 */
public final class Block {

    private final Function function;
    private final int id;
    private final IntList params = new IntList();
    private Instruction first;
    private Instruction last;

    Block(Function function, int id) {
        this.function = function;
        this.id = id;
    }

    /** The function this block was made for. */
    public Function function() {
        return function;
    }

    /** This block's number: dense in its function, written {@code b<id>}. */
    public int id() {
        return id;
    }

    /** How many parameters this block has. */
    public int paramCount() {
        return params.size();
    }

    /** Parameter {@code i}, a value id. */
    public int param(int i) {
        return params.get(i);
    }

    /** Adds a parameter of type {@code type}; returns its new value. */
    public int appendParam(Type type) {
        int value = function.newValue(type);
        params.add(value);
        return value;
    }

    /** Drops the parameters at the positions {@code dropped} marks ({@link Function#removeParams}). */
    void dropParams(boolean[] dropped) {
        params.removeMarked(dropped);
    }

    /** Adds an existing value as the next parameter (the parser's numbering). */
    void addParam(int value) {
        params.add(value);
    }

    /** The first instruction, or {@code null} if the block is empty. */
    public Instruction first() {
        return first;
    }

    /** The last instruction, or {@code null} if the block is empty. */
    public Instruction last() {
        return last;
    }

    /** The last instruction if it is a terminator, else {@code null}. */
    public Instruction terminator() {
        return last != null && last.opcode().isTerminator() ? last : null;
    }

    /** Adds {@code instruction}, which must be in no block, at the end. */
    public void append(Instruction instruction) {
        if (instruction.opcode().isTerminator() || terminator() != null) {
            function.shapeChanged();
        }
        attach(instruction);
        instruction.prev = last;
        if (last == null) {
            first = instruction;
        } else {
            last.next = instruction;
        }
        last = instruction;
    }

    /** Adds {@code instruction}, which must be in no block, just before {@code anchor}. */
    public void insertBefore(Instruction anchor, Instruction instruction) {
        if (anchor.block != this) {
            throw new IllegalArgumentException("the anchor is not in " + this);
        }
        attach(instruction);
        instruction.next = anchor;
        instruction.prev = anchor.prev;
        if (anchor.prev == null) {
            first = instruction;
        } else {
            anchor.prev.next = instruction;
        }
        anchor.prev = instruction;
    }

    /** Takes {@code instruction} out of this block; it may then be added to another. */
    public void remove(Instruction instruction) {
        if (instruction.block != this) {
            throw new IllegalArgumentException("the instruction is not in " + this);
        }
        if (instruction.prev == null) {
            first = instruction.next;
        } else {
            instruction.prev.next = instruction.next;
        }
        if (instruction.next == null) {
            if (instruction.opcode().isTerminator() || instruction.prev != null && instruction.prev.opcode().isTerminator()) {
                function.shapeChanged();
            }
            last = instruction.prev;
        } else {
            instruction.next.prev = instruction.prev;
        }
        instruction.block = null;
        instruction.prev = null;
        instruction.next = null;
    }

    /**
     * Puts {@code replacement}, which must be in no block, where {@code instruction} is; it lowers
     * the same WebAssembly instruction unless it says otherwise.
     */
    public void replace(Instruction instruction, Instruction replacement) {
        if (replacement.sourceOffset < 0) {
            replacement.sourceOffset = instruction.sourceOffset;
        }
        insertBefore(instruction, replacement);
        remove(instruction);
    }

    /** Removes {@code from} and every instruction after it. */
    public void truncate(Instruction from) {
        if (from.block != this) {
            throw new IllegalArgumentException("the instruction is not in " + this);
        }
        Instruction kept = from.prev;
        while (last != kept) {
            remove(last);
        }
    }

    private void attach(Instruction instruction) {
        if (instruction.block != null) {
            throw new IllegalArgumentException("the instruction is already in " + instruction.block);
        }
        instruction.block = this;
    }

    /** {@code b<id>}, as the text format writes it. */
    @Override
    public String toString() {
        return "b" + id;
    }
}
