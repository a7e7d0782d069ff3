package dev.kiln.internal.validate;

import static dev.kiln.internal.validate.StackTypes.UNKNOWN;

/**
 * The operand stack of the validation algorithm: the types of the values an instruction
 * sequence has pushed, as bytes in a growable array.
 *
 * <p>{@link #floor} and {@link #polymorphic} mirror the innermost control frame (its height and
 * whether it is unreachable), kept here so that a pop needs no look-up in {@link ControlStack}.
 * Popping at the floor of an unreachable frame yields {@link StackTypes#UNKNOWN}: the stack
 * is polymorphic there, as after {@code unreachable} or {@code br}.
 */
final class ValueStack {

    private byte[] types = new byte[64];
    private int size;
    private int maxSize;

    /** Height of the innermost frame: values below belong to enclosing blocks. */
    int floor;
    /** Whether the innermost frame is unreachable (its stack is polymorphic). */
    boolean polymorphic;

    /** Empties the stack for the next function (keeps the array). */
    void reset() {
        size = 0;
        maxSize = 0;
        floor = 0;
        polymorphic = false;
    }

    int size() {
        return size;
    }

    /** The greatest number of values the stack held since {@link #reset()}. */
    int maxSize() {
        return maxSize;
    }

    void push(byte type) {
        if (size == types.length) {
            types = java.util.Arrays.copyOf(types, size * 2);
        }
        types[size++] = type;
        if (size > maxSize) {
            maxSize = size;
        }
    }

    void pushAll(byte[] sequence) {
        for (byte type : sequence) {
            push(type);
        }
    }

    /** Pops a value of any type. */
    byte pop() {
        if (size == floor) {
            if (polymorphic) {
                return UNKNOWN;
            }
            throw RuleViolation.typeMismatch();
        }
        return types[--size];
    }

    /** Pops a value that must match {@code expected}; returns its actual type. */
    byte pop(byte expected) {
        byte actual = pop();
        if (!StackTypes.matches(actual, expected)) {
            throw RuleViolation.typeMismatch();
        }
        return actual;
    }

    /** Pops the given sequence (its last type is on top). */
    void popAll(byte[] sequence) {
        for (int i = sequence.length - 1; i >= 0; i--) {
            pop(sequence[i]);
        }
    }

    /**
     * {@code popAll(pops)} then {@code pushAll(pushes)}, in one pass with the stack height in a
     * local: the typing of most instructions (numeric, memory, calls, branches), so the validator
     * spends little per instruction on it.
     */
    void popThenPush(byte[] pops, byte[] pushes) {
        byte[] stack = types;
        int height = size;
        for (int i = pops.length - 1; i >= 0; i--) {
            byte expected = pops[i];
            if (height == floor) {
                if (!polymorphic) {
                    size = height;
                    throw RuleViolation.typeMismatch();
                }
                continue; // the polymorphic stack yields unknown, which matches anything
            }
            byte actual = stack[--height];
            if (actual != expected && actual != UNKNOWN && expected != UNKNOWN) {
                size = height;
                throw RuleViolation.typeMismatch();
            }
        }
        int pushed = pushes.length;
        if (height + pushed > stack.length) {
            stack = java.util.Arrays.copyOf(stack, Math.max(stack.length * 2, height + pushed));
            types = stack;
        }
        for (int i = 0; i < pushed; i++) {
            stack[height++] = pushes[i];
        }
        size = height;
        if (height > maxSize) {
            maxSize = height;
        }
    }

    /**
     * Checks that the top of the stack could be popped as {@code sequence}, without popping it.
     * This is {@code push_vals(pop_vals(ts))} of the spec without the copy: slots below the floor
     * of a polymorphic frame count as unknown, which is what popping and re-pushing them gives.
     */
    void peekAll(byte[] sequence) {
        int position = size;
        for (int i = sequence.length - 1; i >= 0; i--) {
            position--;
            if (position < floor) {
                if (polymorphic) {
                    return;
                }
                throw RuleViolation.typeMismatch();
            }
            if (!StackTypes.matches(types[position], sequence[i])) {
                throw RuleViolation.typeMismatch();
            }
        }
    }

    /** Drops everything above the floor (entering unreachable code, or leaving a frame). */
    void truncateToFloor() {
        size = floor;
    }
}
