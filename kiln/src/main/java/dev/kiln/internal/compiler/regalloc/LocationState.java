package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.backend.Reg;
import java.util.Arrays;

/**
 * What each physical register and spill slot holds at one point of {@link RegAllocChecker}'s
 * dataflow: a sorted set of original registers per location. Slots live in chunks shared
 * between states until one writes them (copy on write), so the blocks of a large function that
 * touch few slots do not each copy and intersect all of them.
 */
final class LocationState {

    static final int[] EMPTY = {};

    private static final int CHUNK = 64;

    private final int[][] registers;
    private final int[][][] chunks;
    private final boolean[] owned;

    private LocationState(int[][] registers, int[][][] chunks) {
        this.registers = registers;
        this.chunks = chunks;
        this.owned = new boolean[chunks.length];
    }

    /** At a function's entry: each physical register holds itself (the parameters), each slot nothing. */
    static LocationState entry(int slotCount) {
        int[][] registers = new int[Reg.PHYSICAL][];
        for (int reg = 0; reg < Reg.PHYSICAL; reg++) {
            registers[reg] = new int[] {reg};
        }
        int[][] emptyChunk = new int[CHUNK][];
        Arrays.fill(emptyChunk, EMPTY);
        int[][][] chunks = new int[(slotCount + CHUNK - 1) / CHUNK][][];
        Arrays.fill(chunks, emptyChunk);
        return new LocationState(registers, chunks);
    }

    LocationState copy() {
        return new LocationState(registers.clone(), chunks.clone());
    }

    int[] register(int reg) {
        return registers[reg];
    }

    void setRegister(int reg, int[] values) {
        registers[reg] = values;
    }

    int[] slot(int slot) {
        return chunks[slot / CHUNK][slot % CHUNK];
    }

    void setSlot(int slot, int[] values) {
        int chunk = slot / CHUNK;
        if (!owned[chunk]) {
            chunks[chunk] = chunks[chunk].clone();
            owned[chunk] = true;
        }
        chunks[chunk][slot % CHUNK] = values;
    }

    /** Keeps in each location only what {@code other} holds there too (paths joining). */
    void meet(LocationState other) {
        for (int reg = 0; reg < registers.length; reg++) {
            registers[reg] = intersection(registers[reg], other.registers[reg]);
        }
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            if (chunks[chunk] == other.chunks[chunk]) {
                continue;
            }
            int[][] met = new int[CHUNK][];
            for (int i = 0; i < CHUNK; i++) {
                met[i] = intersection(chunks[chunk][i], other.chunks[chunk][i]);
            }
            chunks[chunk] = met;
            owned[chunk] = true;
        }
    }

    boolean sameAs(LocationState other) {
        if (!Arrays.deepEquals(registers, other.registers)) {
            return false;
        }
        for (int chunk = 0; chunk < chunks.length; chunk++) {
            if (chunks[chunk] != other.chunks[chunk] && !Arrays.deepEquals(chunks[chunk], other.chunks[chunk])) {
                return false;
            }
        }
        return true;
    }

    static int[] intersection(int[] a, int[] b) {
        if (a == b) {
            return a;
        }
        int[] both = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                both[n++] = a[i];
                i++;
                j++;
            }
        }
        return n == 0 ? EMPTY : Arrays.copyOf(both, n);
    }

    static boolean contains(int[] values, int value) {
        return Arrays.binarySearch(values, value) >= 0;
    }

    static int[] with(int[] values, int value) {
        int at = Arrays.binarySearch(values, value);
        if (at >= 0) {
            return values;
        }
        int insert = -at - 1;
        int[] result = new int[values.length + 1];
        System.arraycopy(values, 0, result, 0, insert);
        result[insert] = value;
        System.arraycopy(values, insert, result, insert + 1, values.length - insert);
        return result;
    }

    static int[] without(int[] values, int value) {
        int at = Arrays.binarySearch(values, value);
        if (at < 0) {
            return values;
        }
        int[] result = new int[values.length - 1];
        System.arraycopy(values, 0, result, 0, at);
        System.arraycopy(values, at + 1, result, at, values.length - at - 1);
        return result;
    }
}
