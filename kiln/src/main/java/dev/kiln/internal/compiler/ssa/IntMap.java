package dev.kiln.internal.compiler.ssa;

import java.util.Arrays;

/**
 * A map from non-negative {@code int} keys to {@code int} values, open addressing with linear
 * probing: a block's current definition of each variable during SSA construction. Most blocks
 * define or look up a handful of a function's variables, so a dense array per block (size: the
 * number of locals, up to 50,000) would waste memory, and boxed maps would allocate per entry.
 */
final class IntMap {

    /** What {@link #get} answers for an absent key. */
    static final int ABSENT = -1;

    private int[] keys;
    private int[] values;
    private int size;

    IntMap() {
        keys = new int[8];
        values = new int[8];
        Arrays.fill(keys, -1);
    }

    int get(int key) {
        int mask = keys.length - 1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] < 0) {
                return ABSENT;
            }
        }
    }

    void put(int key, int value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(key) & mask;
        while (keys[i] >= 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] < 0) {
            keys[i] = key;
            size++;
        }
        values[i] = value;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] >= 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
