package dev.kiln;

import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.wasm.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A linear memory, as seen from Java. Offsets are byte addresses; every access is checked and an
 * access outside the memory throws {@link IndexOutOfBoundsException} (never a crash). Values are
 * little-endian, as in WebAssembly.
 */
public final class Memory {

    private final MemoryInstance memory;

    Memory(MemoryInstance memory) {
        this.memory = memory;
    }

    /** The current size in bytes. */
    public long size() {
        return memory.bytes().length;
    }

    /** The current size in 64 KiB pages. */
    public int pages() {
        return memory.pages();
    }

    /** Grows by {@code deltaPages}; returns the old size in pages, or -1 if it cannot grow that much. */
    public int grow(int deltaPages) {
        if (deltaPages < 0) {
            throw new IllegalArgumentException("deltaPages must not be negative: " + deltaPages);
        }
        return memory.grow(deltaPages);
    }

    /** A copy of {@code length} bytes starting at {@code offset}. */
    public byte[] read(long offset, int length) {
        int at = check(offset, length);
        return Arrays.copyOfRange(memory.bytes(), at, at + length);
    }

    /** Copies {@code length} bytes at {@code offset} into {@code target[targetOffset..]}. */
    public void read(long offset, byte[] target, int targetOffset, int length) {
        int at = check(offset, length);
        System.arraycopy(memory.bytes(), at, target, targetOffset, length);
    }

    /** Writes {@code bytes} at {@code offset}. */
    public void write(long offset, byte[] bytes) {
        write(offset, bytes, 0, bytes.length);
    }

    /** Writes {@code bytes[from..from+length)} at {@code offset}. */
    public void write(long offset, byte[] bytes, int from, int length) {
        int at = check(offset, length);
        System.arraycopy(bytes, from, memory.bytes(), at, length);
    }

    /** Decodes {@code length} bytes at {@code offset} as UTF-8. */
    public String readString(long offset, int length) {
        int at = check(offset, length);
        return new String(memory.bytes(), at, length, StandardCharsets.UTF_8);
    }

    /** The byte at {@code offset}. */
    public byte readByte(long offset) {
        return memory.bytes()[check(offset, 1)];
    }

    /** Writes one byte at {@code offset}. */
    public void writeByte(long offset, byte value) {
        memory.bytes()[check(offset, 1)] = value;
    }

    /** The little-endian 16-bit value at {@code offset}. */
    public short readShort(long offset) {
        return (short) MemoryInstance.SHORT.get(memory.bytes(), check(offset, 2));
    }

    /** Writes a little-endian 16-bit value at {@code offset}. */
    public void writeShort(long offset, short value) {
        MemoryInstance.SHORT.set(memory.bytes(), check(offset, 2), value);
    }

    /** The little-endian 32-bit value at {@code offset}. */
    public int readInt(long offset) {
        return (int) MemoryInstance.INT.get(memory.bytes(), check(offset, 4));
    }

    /** Writes a little-endian 32-bit value at {@code offset}. */
    public void writeInt(long offset, int value) {
        MemoryInstance.INT.set(memory.bytes(), check(offset, 4), value);
    }

    /** The little-endian 64-bit value at {@code offset}. */
    public long readLong(long offset) {
        return (long) MemoryInstance.LONG.get(memory.bytes(), check(offset, 8));
    }

    /** Writes a little-endian 64-bit value at {@code offset}. */
    public void writeLong(long offset, long value) {
        MemoryInstance.LONG.set(memory.bytes(), check(offset, 8), value);
    }

    /** The little-endian IEEE-754 single at {@code offset}. */
    public float readFloat(long offset) {
        return Float.intBitsToFloat(readInt(offset));
    }

    /** Writes a little-endian IEEE-754 single at {@code offset}. */
    public void writeFloat(long offset, float value) {
        writeInt(offset, Float.floatToRawIntBits(value));
    }

    /** The little-endian IEEE-754 double at {@code offset}. */
    public double readDouble(long offset) {
        return Double.longBitsToDouble(readLong(offset));
    }

    /** Writes a little-endian IEEE-754 double at {@code offset}. */
    public void writeDouble(long offset, double value) {
        writeLong(offset, Double.doubleToRawLongBits(value));
    }

    /** The array index of {@code [offset, offset+length)}, or an exception saying why it is not inside. */
    private int check(long offset, int length) {
        long size = memory.bytes().length;
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("memory access of " + length + " bytes at offset " + offset
                    + " is outside the memory of " + size + " bytes (" + size / MemoryType.PAGE_SIZE + " pages)");
        }
        return (int) offset;
    }
}
