package dev.kiln.internal.interpreter;

import java.util.Arrays;

/**
 * The growing code array of one function being lowered, with the byte offset of the Wasm
 * instruction each lowered instruction came from.
 */
final class LoweringBuffer {

    private int[] code = new int[64];
    private int[] byteOffsets = new int[16];
    private int size;
    private int lastPc = -1;
    private int currentByteOffset;

    /** Sets the byte offset recorded for instructions emitted from now on. */
    void at(int byteOffset) {
        currentByteOffset = byteOffset;
    }

    /** The position the next instruction will have. */
    int pc() {
        return size;
    }

    /** The position of the most recently emitted instruction, or -1. */
    int lastPc() {
        return lastPc;
    }

    int word(int position) {
        return code[position];
    }

    void patch(int position, int value) {
        code[position] = value;
    }

    /** Appends one 4-word instruction and returns its position. */
    int emit(int opcode, int a, int b, int c) {
        int pc = size;
        appendWords(opcode, a, b, c);
        lastPc = pc;
        return pc;
    }

    /**
     * Appends 4 raw words that belong to the instruction before them (extension words, branch
     * tables); they are not an instruction of their own.
     */
    void extend(int w0, int w1, int w2, int w3) {
        appendWords(w0, w1, w2, w3);
    }

    /** Removes the most recently emitted instruction (to fuse it into the next one). */
    void removeLast() {
        size = lastPc;
        lastPc = -1;
    }

    /** Forgets which instruction was last, so nothing can be fused across a label. */
    void label() {
        lastPc = -1;
    }

    private void appendWords(int w0, int w1, int w2, int w3) {
        if (size + 4 > code.length) {
            code = Arrays.copyOf(code, code.length * 2);
        }
        int index = size >> 2;
        if (index >= byteOffsets.length) {
            byteOffsets = Arrays.copyOf(byteOffsets, byteOffsets.length * 2);
        }
        code[size] = w0;
        code[size + 1] = w1;
        code[size + 2] = w2;
        code[size + 3] = w3;
        byteOffsets[index] = currentByteOffset;
        size += 4;
    }

    int[] code() {
        return Arrays.copyOf(code, size);
    }

    int[] byteOffsets() {
        return Arrays.copyOf(byteOffsets, size >> 2);
    }
}
