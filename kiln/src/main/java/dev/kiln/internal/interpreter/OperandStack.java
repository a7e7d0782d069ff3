package dev.kiln.internal.interpreter;

import dev.kiln.ValueType;
import java.util.Arrays;

/**
 * The Wasm operand stack as the lowering sees it: for each entry, its type, its <em>home</em>
 * (the temporary slot its stack height owns) and the slot that currently holds its value.
 *
 * <p>An entry whose value is still in a local's or a pooled constant's slot is an <em>alias</em>:
 * {@code local.get} and {@code i32.const} push aliases and emit nothing; consumers read the
 * local or constant slot directly. The invariant the lowering keeps: an entry's slot is its own
 * home or a local/constant slot (below {@link #tempsBase}), never another entry's home. So
 * writing a home slot can only clobber its own entry, and only {@code local.set}/{@code tee}
 * can invalidate aliases (the lowering materializes them first).
 */
final class OperandStack {

    private final int tempsBase;
    private ValueType[] types = new ValueType[16];
    private int[] slots = new int[16];
    private int[] homes = new int[16];
    private int size;
    private int heightSlots;
    private int maxHeightSlots;

    /** @param tempsBase the first slot after locals and constants */
    OperandStack(int tempsBase) {
        this.tempsBase = tempsBase;
    }

    int size() {
        return size;
    }

    /** The most slots the temporaries ever needed. */
    int maxHeightSlots() {
        return maxHeightSlots;
    }

    /** The home slot the next pushed entry gets. */
    int nextHome() {
        return tempsBase + heightSlots;
    }

    /** Pushes a value computed into its home slot; returns the home. */
    int push(ValueType type) {
        int home = nextHome();
        pushAlias(type, home);
        return home;
    }

    /** Pushes a value that lives in {@code slot} (a local, a constant, or its own home). */
    void pushAlias(ValueType type, int slot) {
        if (size == types.length) {
            types = Arrays.copyOf(types, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
            homes = Arrays.copyOf(homes, size * 2);
        }
        types[size] = type;
        homes[size] = nextHome();
        slots[size] = slot;
        size++;
        heightSlots += type.slots();
        maxHeightSlots = Math.max(maxHeightSlots, heightSlots);
    }

    /** Removes the top entry; returns the slot that holds its value. */
    int pop() {
        size--;
        heightSlots -= types[size].slots();
        return slots[size];
    }

    /** Removes entries down to {@code newSize}. */
    void truncate(int newSize) {
        while (size > newSize) {
            pop();
        }
    }

    ValueType type(int index) {
        return types[index];
    }

    int slot(int index) {
        return slots[index];
    }

    int home(int index) {
        return homes[index];
    }

    ValueType topType() {
        return types[size - 1];
    }

    int topSlot() {
        return slots[size - 1];
    }

    /** Whether the top entry's value is in its home slot. */
    boolean topAtHome() {
        return slots[size - 1] == homes[size - 1];
    }

    /** Records that entry {@code index} now lives in {@code slot}. */
    void moveTo(int index, int slot) {
        slots[index] = slot;
    }
}
