package dev.kiln.internal.validate;

/**
 * The control stack of the validation algorithm: one frame per open {@code block}, {@code loop},
 * {@code if}/{@code else}, plus the function itself at the bottom. Frames are columns of
 * parallel arrays, so entering a block allocates nothing and nesting depth costs no Java stack.
 *
 * <p>A frame records the block's parameter types ({@code start}), result types ({@code end}),
 * the operand stack height on entry and whether the rest of the block is unreachable.
 */
final class ControlStack {

    static final byte FUNCTION = 0;
    static final byte BLOCK = 1;
    static final byte LOOP = 2;
    static final byte IF = 3;
    static final byte ELSE = 4;

    private final ValueStack values;
    private byte[] kinds = new byte[16];
    private int[] heights = new int[16];
    private boolean[] unreachable = new boolean[16];
    private byte[][] starts = new byte[16][];
    private byte[][] ends = new byte[16][];
    private int depth;
    private int maxDepth;

    ControlStack(ValueStack values) {
        this.values = values;
    }

    /**
     * Empties the stack for the next function (keeps the arrays; stale type columns only point
     * at the module's shared, immutable type arrays).
     */
    void reset() {
        depth = 0;
        maxDepth = 0;
    }

    int depth() {
        return depth;
    }

    /** The deepest nesting seen since {@link #reset()}, the function frame included. */
    int maxDepth() {
        return maxDepth;
    }

    /** Opens a frame whose operands ({@code start}) are then pushed for the block body. */
    void push(byte kind, byte[] start, byte[] end) {
        if (depth == kinds.length) {
            grow();
        }
        kinds[depth] = kind;
        heights[depth] = values.size();
        unreachable[depth] = false;
        starts[depth] = start;
        ends[depth] = end;
        depth++;
        if (depth > maxDepth) {
            maxDepth = depth;
        }
        values.floor = values.size();
        values.polymorphic = false;
        values.pushAll(start);
    }

    /**
     * Closes the innermost frame: its results must be exactly what is left above its height.
     * Returns the frame's index, whose columns stay readable until the next push.
     */
    int pop() {
        int top = depth - 1;
        values.popAll(ends[top]);
        if (values.size() != heights[top]) {
            throw RuleViolation.typeMismatch();
        }
        depth = top;
        if (top > 0) {
            values.floor = heights[top - 1];
            values.polymorphic = unreachable[top - 1];
        }
        return top;
    }

    /** The rest of the innermost block cannot be reached: its stack becomes polymorphic. */
    void markUnreachable() {
        values.truncateToFloor();
        unreachable[depth - 1] = true;
        values.polymorphic = true;
    }

    byte kind(int frame) {
        return kinds[frame];
    }

    byte[] start(int frame) {
        return starts[frame];
    }

    byte[] end(int frame) {
        return ends[frame];
    }

    int top() {
        return depth - 1;
    }

    /** The types a branch to {@code label} (0 = innermost) carries; checks the label exists. */
    byte[] labelTypes(int label) {
        if (label < 0 || label >= depth) {
            throw RuleViolation.unknown("label", label);
        }
        int frame = depth - 1 - label;
        return kinds[frame] == LOOP ? starts[frame] : ends[frame];
    }

    private void grow() {
        int capacity = kinds.length * 2;
        kinds = java.util.Arrays.copyOf(kinds, capacity);
        heights = java.util.Arrays.copyOf(heights, capacity);
        unreachable = java.util.Arrays.copyOf(unreachable, capacity);
        starts = java.util.Arrays.copyOf(starts, capacity);
        ends = java.util.Arrays.copyOf(ends, capacity);
    }
}
