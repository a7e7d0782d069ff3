package dev.kiln.internal.compiler.amd64;

import java.util.Arrays;

/**
 * The growable byte array that instructions of fixed size are encoded into, and the fields in it
 * that can only be filled in once the layout is final: 32-bit displacements to labels (RIP-relative
 * operands, {@code call label}) and relocations (calls to code outside this buffer).
 *
 * <p>Relaxable branches are not in this buffer: the {@link Assembler} keeps them aside as sites
 * and writes them between the buffer's bytes when it finishes.
 */
final class CodeBuffer {

    private byte[] bytes = new byte[256];
    private int size;

    // Label fixups: a rel32 field at fixPosition, relative to the end of its instruction
    // (fixPosition + fixEndDelta), pointing at fixLabel + fixAddend.
    private int[] fixPosition = new int[16];
    private int[] fixEndDelta = new int[16];
    private int[] fixAddend = new int[16];
    private Label[] fixLabel = new Label[16];
    private int fixCount;

    // Relocations: a rel32 field to be patched after layout with the address of relocTarget.
    private int[] relocPosition = new int[4];
    private Object[] relocTarget = new Object[4];
    private int relocCount;

    int size() {
        return size;
    }

    byte[] bytes() {
        return bytes;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void emit8(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void emit16(int v) {
        ensure(2);
        bytes[size] = (byte) v;
        bytes[size + 1] = (byte) (v >>> 8);
        size += 2;
    }

    void emit32(int v) {
        ensure(4);
        bytes[size] = (byte) v;
        bytes[size + 1] = (byte) (v >>> 8);
        bytes[size + 2] = (byte) (v >>> 16);
        bytes[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void emit64(long v) {
        emit32((int) v);
        emit32((int) (v >>> 32));
    }

    /** Emits an immediate of {@code bytes} bytes (1, 2 or 4). */
    void emitImm(long v, int bytes) {
        switch (bytes) {
            case 1 -> emit8((int) v);
            case 2 -> emit16((int) v);
            case 4 -> emit32((int) v);
            default -> throw new AssertionError(bytes);
        }
    }

    /** Emits opcode bytes: 0xXX, 0x0FXX or 0x0F38XX/0x0F3AXX (two-byte opcodes all start 0x0F). */
    void emitOpcode(int opcode) {
        if (opcode > 0xffff) {
            emit8(opcode >>> 16);
        }
        if (opcode > 0xff) {
            emit8(opcode >>> 8);
        }
        emit8(opcode);
    }

    /**
     * Emits a zero rel32 field to be set to {@code label + addend - end of instruction}, where the
     * instruction ends {@code trailing} bytes after the field (an immediate may follow it).
     */
    void emitLabelRel32(Label label, int addend, int trailing) {
        if (fixCount == fixPosition.length) {
            int n = fixCount * 2;
            fixPosition = Arrays.copyOf(fixPosition, n);
            fixEndDelta = Arrays.copyOf(fixEndDelta, n);
            fixAddend = Arrays.copyOf(fixAddend, n);
            fixLabel = Arrays.copyOf(fixLabel, n);
        }
        fixPosition[fixCount] = size;
        fixEndDelta[fixCount] = 4 + trailing;
        fixAddend[fixCount] = addend;
        fixLabel[fixCount] = label;
        fixCount++;
        emit32(0);
    }

    /** Emits a zero rel32 field that the code's user patches to reach {@code target}. */
    void emitRelocation(Object target) {
        if (relocCount == relocPosition.length) {
            relocPosition = Arrays.copyOf(relocPosition, relocCount * 2);
            relocTarget = Arrays.copyOf(relocTarget, relocCount * 2);
        }
        relocPosition[relocCount] = size;
        relocTarget[relocCount] = target;
        relocCount++;
        emit32(0);
    }

    int fixupCount() {
        return fixCount;
    }

    int fixupPosition(int i) {
        return fixPosition[i];
    }

    int fixupEndDelta(int i) {
        return fixEndDelta[i];
    }

    int fixupAddend(int i) {
        return fixAddend[i];
    }

    Label fixupLabel(int i) {
        return fixLabel[i];
    }

    int relocationCount() {
        return relocCount;
    }

    int relocationPosition(int i) {
        return relocPosition[i];
    }

    Object relocationTarget(int i) {
        return relocTarget[i];
    }
}
