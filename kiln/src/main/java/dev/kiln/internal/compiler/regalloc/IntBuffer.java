package dev.kiln.internal.compiler.regalloc;

import java.util.Arrays;

/** A growable {@code int} array, appended to in amortized constant time. */
final class IntBuffer {

    private int[] items = new int[4];
    private int size;

    int size() {
        return size;
    }

    int get(int i) {
        return items[i];
    }

    void set(int i, int value) {
        items[i] = value;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    void add(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = value;
    }

    /** The items, last appended first. */
    int[] toReversedArray() {
        int[] reversed = new int[size];
        for (int i = 0; i < size; i++) {
            reversed[i] = items[size - 1 - i];
        }
        return reversed;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
