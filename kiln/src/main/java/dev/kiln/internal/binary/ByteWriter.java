package dev.kiln.internal.binary;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the primitive encodings of the binary format. */
final class ByteWriter {

    private byte[] bytes = new byte[256];
    private int size;

    /** Bytes written so far. */
    int size() {
        return size;
    }

    /** A copy of the bytes written. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void u8(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /** Appends everything written to {@code other}. */
    void append(ByteWriter other) {
        ensure(other.size);
        System.arraycopy(other.bytes, 0, bytes, size, other.size);
        size += other.size;
    }

    /** A u32 length prefix, then the bytes. */
    void byteVector(byte[] b) {
        u32(b.length);
        bytes(b);
    }

    /** A name: its UTF-8 length, then the UTF-8 bytes. */
    void name(String s) {
        byteVector(s.getBytes(StandardCharsets.UTF_8));
    }

    void fixed32(int v) {
        u8(v);
        u8(v >>> 8);
        u8(v >>> 16);
        u8(v >>> 24);
    }

    void fixed64(long v) {
        fixed32((int) v);
        fixed32((int) (v >>> 32));
    }

    /** Unsigned LEB128 of the low 32 bits of {@code v}, in the fewest bytes. */
    void u32(long v) {
        u64(v & ByteReader.U32_MAX);
    }

    /** Unsigned LEB128 of all 64 bits, in the fewest bytes. */
    void u64(long v) {
        long rest = v;
        while ((rest & ~0x7FL) != 0) {
            u8((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        u8((int) rest);
    }

    /** Signed LEB128 (for s32, s33 and s64 alike), in the fewest bytes. */
    void signed(long v) {
        long rest = v;
        while (true) {
            int b = (int) (rest & 0x7F);
            rest >>= 7;
            boolean done = (rest == 0 && (b & 0x40) == 0) || (rest == -1 && (b & 0x40) != 0);
            if (done) {
                u8(b);
                return;
            }
            u8(b | 0x80);
        }
    }

    private void ensure(int n) {
        if (bytes.length - size < n) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }
}
