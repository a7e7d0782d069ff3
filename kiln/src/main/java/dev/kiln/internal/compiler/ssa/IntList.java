package dev.kiln.internal.compiler.ssa;

import java.util.Arrays;

/**
 * A growable list of {@code int}s: block parameters and branch arguments, which SSA construction
 * appends to one at a time (a loop header can gain a parameter per local), so an array copied on
 * every append would be quadratic.
 */
final class IntList {

    private int[] items;
    private int size;

    IntList() {
        this.items = new int[4];
    }

    IntList(int[] initial) {
        this.items = Arrays.copyOf(initial, Math.max(4, initial.length));
        this.size = initial.length;
    }

    int size() {
        return size;
    }

    int get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return items[i];
    }

    void set(int i, int value) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        items[i] = value;
    }

    void add(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    /** Removes the items at the positions {@code marked} is true for, keeping the others' order. */
    void removeMarked(boolean[] marked) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!marked[i]) {
                items[kept++] = items[i];
            }
        }
        size = kept;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }

    void clear() {
        size = 0;
    }
}
