package dev.kiln;

import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.wasm.MemoryType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A linear memory, as seen from Java. Offsets are byte addresses; every access is checked and an
 * access outside the memory throws {@link IndexOutOfBoundsException} (never a crash). Values are
 * little-endian, as in WebAssembly. Bulk reads and writes copy straight between the memory and
 * the caller's array or buffer.
 *
 * <p>Once the memory is closed (the last instance holding it, or its runtime, was closed) every
 * method throws {@link IllegalStateException}.
 */
public final class Memory {

    private final MemoryInstance memory;

    Memory(MemoryInstance memory) {
        this.memory = memory;
    }

    /** The current size in bytes. */
    public long size() {
        return live().byteSize();
    }

    /** The current size in 64 KiB pages. */
    public int pages() {
        live();
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
        byte[] copy = new byte[checkLength(length)];
        read(offset, copy, 0, length);
        return copy;
    }

    /** Copies {@code length} bytes at {@code offset} into {@code target[targetOffset..]}. */
    public void read(long offset, byte[] target, int targetOffset, int length) {
        java.util.Objects.checkFromIndexSize(targetOffset, length, target.length);
        MemorySegment.copy(at(offset, length), ValueLayout.JAVA_BYTE, offset, target, targetOffset, length);
    }

    /**
     * Fills {@code target}'s remaining bytes from the memory at {@code offset} and advances its
     * position past them.
     */
    public void read(long offset, ByteBuffer target) {
        int length = target.remaining();
        MemorySegment.copy(at(offset, length), offset, MemorySegment.ofBuffer(target), 0, length);
        target.position(target.position() + length);
    }

    /**
     * The bytes {@code [offset, offset + length)} as a buffer that reads and writes the memory
     * itself, to hand them to Java I/O without copying: a native memory gives a direct buffer,
     * which a {@code FileChannel} or {@code SocketChannel} fills or drains straight from the
     * kernel. The buffer starts at position 0 with {@code length} bytes remaining, and is bound
     * to the memory's life: once the memory is closed, using it throws
     * {@link IllegalStateException}.
     *
     * @throws UnsupportedOperationException if the memory is not {@link #isNative() native}: a
     *     memory on the Java heap is held in a {@code long[]}, which has no byte buffer view
     */
    public ByteBuffer asByteBuffer(long offset, int length) {
        MemorySegment bytes = at(offset, length);
        if (!bytes.isNative()) {
            throw new UnsupportedOperationException("a memory on the Java heap has no byte buffer view");
        }
        return bytes.asSlice(offset, length).asByteBuffer();
    }

    /**
     * Whether the memory is native memory, as it is wherever the JVM can map it: only then does
     * {@link #asByteBuffer} give a view of it.
     */
    public boolean isNative() {
        return live().isNative();
    }

    /** Writes {@code bytes} at {@code offset}. */
    public void write(long offset, byte[] bytes) {
        write(offset, bytes, 0, bytes.length);
    }

    /** Writes {@code bytes[from..from+length)} at {@code offset}. */
    public void write(long offset, byte[] bytes, int from, int length) {
        java.util.Objects.checkFromIndexSize(from, length, bytes.length);
        MemorySegment.copy(bytes, from, at(offset, length), ValueLayout.JAVA_BYTE, offset, length);
    }

    /** Writes {@code source}'s remaining bytes at {@code offset} and advances its position past them. */
    public void write(long offset, ByteBuffer source) {
        int length = source.remaining();
        MemorySegment.copy(MemorySegment.ofBuffer(source), 0, at(offset, length), offset, length);
        source.position(source.position() + length);
    }

    /** Decodes {@code length} bytes at {@code offset} as UTF-8. */
    public String readString(long offset, int length) {
        return new String(read(offset, length), StandardCharsets.UTF_8);
    }

    /** The byte at {@code offset}. */
    public byte readByte(long offset) {
        return at(offset, 1).get(ValueLayout.JAVA_BYTE, offset);
    }

    /** Writes one byte at {@code offset}. */
    public void writeByte(long offset, byte value) {
        at(offset, 1).set(ValueLayout.JAVA_BYTE, offset, value);
    }

    /** The little-endian 16-bit value at {@code offset}. */
    public short readShort(long offset) {
        return at(offset, 2).get(MemoryInstance.I16, offset);
    }

    /** Writes a little-endian 16-bit value at {@code offset}. */
    public void writeShort(long offset, short value) {
        at(offset, 2).set(MemoryInstance.I16, offset, value);
    }

    /** The little-endian 32-bit value at {@code offset}. */
    public int readInt(long offset) {
        return at(offset, 4).get(MemoryInstance.I32, offset);
    }

    /** Writes a little-endian 32-bit value at {@code offset}. */
    public void writeInt(long offset, int value) {
        at(offset, 4).set(MemoryInstance.I32, offset, value);
    }

    /** The little-endian 64-bit value at {@code offset}. */
    public long readLong(long offset) {
        return at(offset, 8).get(MemoryInstance.I64, offset);
    }

    /** Writes a little-endian 64-bit value at {@code offset}. */
    public void writeLong(long offset, long value) {
        at(offset, 8).set(MemoryInstance.I64, offset, value);
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

    /** The memory's bytes, once checked that {@code [offset, offset+length)} lies inside them. */
    private MemorySegment at(long offset, int length) {
        MemorySegment bytes = live();
        long size = bytes.byteSize();
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IndexOutOfBoundsException("memory access of " + length + " bytes at offset " + offset
                    + " is outside the memory of " + size + " bytes (" + size / MemoryType.PAGE_SIZE + " pages)");
        }
        return bytes;
    }

    private MemorySegment live() {
        if (memory.isReleased()) {
            throw new IllegalStateException("the memory is closed");
        }
        return memory.segment();
    }

    private static int checkLength(int length) {
        if (length < 0) {
            throw new IndexOutOfBoundsException("negative length " + length);
        }
        return length;
    }
}
