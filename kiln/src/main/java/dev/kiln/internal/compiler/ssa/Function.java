package dev.kiln.internal.compiler.ssa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A function in SSA form: a name, a {@link Signature} and blocks in layout order, the first of
 * which is the entry (its parameters are the function's). The function numbers its values and
 * blocks densely from 0, so analyses keep per-value and per-block facts in arrays indexed by id;
 * the types of values live here, in one array.
 */
public final class Function {

    private final String name;
    private final Signature signature;
    private final List<Block> layout = new ArrayList<>();
    private int blockIds;
    private Type[] valueTypes = new Type[16];
    private int valueIds;
    /**
     * The graph {@link ControlFlow#of} built last; forgotten at every change to the control
     * flow (the layout, a block's terminator, a branch's target).
     */
    private ControlFlow flow;

    /** An empty function: no blocks yet. */
    public Function(String name, Signature signature) {
        this.name = name;
        this.signature = signature;
    }

    /** The function's name, for dumps and errors (from the name section, or made up). */
    public String name() {
        return name;
    }

    /** What the function takes and returns. */
    public Signature signature() {
        return signature;
    }

    /** The blocks, in layout order; unmodifiable. */
    public List<Block> blocks() {
        return Collections.unmodifiableList(layout);
    }

    /** The first block, or {@code null} if there is none. */
    public Block entry() {
        return layout.isEmpty() ? null : layout.getFirst();
    }

    /** A new empty block, placed last in the layout. */
    public Block newBlock() {
        Block block = new Block(this, blockIds++);
        layout.add(block);
        shapeChanged();
        return block;
    }

    /**
     * Replaces the layout with {@code blocks}: blocks of the current layout, each at most once,
     * the entry first. How a pass removes blocks (by leaving them out) and reorders them.
     */
    public void setLayout(List<Block> blocks) {
        boolean[] seen = new boolean[blockIds];
        for (Block b : layout) {
            seen[b.id()] = true;
        }
        for (Block b : blocks) {
            if (b.function() != this || !seen[b.id()]) {
                throw new IllegalArgumentException(b + " is not a block of the layout, or is there twice");
            }
            seen[b.id()] = false;
        }
        if (!layout.isEmpty() && (blocks.isEmpty() || blocks.getFirst() != layout.getFirst())) {
            throw new IllegalArgumentException("the entry must stay first");
        }
        layout.clear();
        layout.addAll(blocks);
        shapeChanged();
    }

    /** The control flow has changed: a graph built before is out of date. */
    void shapeChanged() {
        flow = null;
    }

    /** The graph {@link ControlFlow#of} built last, if nothing it depends on changed since; else {@code null}. */
    ControlFlow currentFlow() {
        return flow;
    }

    void keepFlow(ControlFlow built) {
        flow = built;
    }

    /**
     * Removes every block parameter whose value {@code removed} marks (indexed by value id), and
     * the matching argument on every branch to its block, in one sweep over the function. The
     * values must be used nowhere else any more.
     */
    public void removeParams(boolean[] removed) {
        boolean[][] dropped = new boolean[blockIds][];
        for (Block b : layout) {
            dropped[b.id()] = marked(b, removed);
        }
        for (Block b : layout) {
            Instruction t = b.terminator();
            for (int i = 0; t != null && i < t.targetCount(); i++) {
                boolean[] d = dropped[t.target(i).id()];
                if (d != null) {
                    t.dropArguments(i, d);
                }
            }
        }
        for (Block b : layout) {
            if (dropped[b.id()] != null) {
                b.dropParams(dropped[b.id()]);
            }
        }
    }

    /** Which of {@code block}'s parameter positions {@code removed} marks; null if none. */
    private static boolean[] marked(Block block, boolean[] removed) {
        boolean[] positions = null;
        for (int p = 0; p < block.paramCount(); p++) {
            int v = block.param(p);
            if (v < removed.length && removed[v]) {
                if (positions == null) {
                    positions = new boolean[block.paramCount()];
                }
                positions[p] = true;
            }
        }
        return positions;
    }

    /** A block with the given id, not yet in the layout (the parser's numbering). */
    Block blockWithId(int id) {
        blockIds = Math.max(blockIds, id + 1);
        return new Block(this, id);
    }

    /** Places a block made by {@link #blockWithId} last in the layout. */
    void addToLayout(Block block) {
        layout.add(block);
    }

    /** Every block id is below this. */
    public int blockIdLimit() {
        return blockIds;
    }

    /** A new value of type {@code type}; something must still define it. */
    public int newValue(Type type) {
        int id = valueIds;
        defineValue(id, type);
        return id;
    }

    /** Gives value {@code id} its type (the parser's numbering); returns false if it has one. */
    boolean defineValue(int id, Type type) {
        if (id >= valueTypes.length) {
            valueTypes = Arrays.copyOf(valueTypes, Math.max(id + 1, valueTypes.length * 2));
        }
        if (valueTypes[id] != null) {
            return false;
        }
        valueTypes[id] = type;
        valueIds = Math.max(valueIds, id + 1);
        return true;
    }

    /** Every value id is below this. */
    public int valueIdLimit() {
        return valueIds;
    }

    /** The type of value {@code value}, or {@code null} if no such value was made. */
    public Type type(int value) {
        return value >= 0 && value < valueIds ? valueTypes[value] : null;
    }
}
