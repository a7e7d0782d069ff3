package dev.kiln.internal.binary;

import dev.kiln.CompileException;
import dev.kiln.CompileException.Reason;

/**
 * A cursor over a module binary: fixed-width values, LEB128 integers, names and byte strings.
 *
 * <p>Reading is bounded by a movable limit, the end of the section or function body being
 * decoded, so a body can never read into its neighbour and a size field is checked exactly once.
 * Every failure is a {@link CompileException} with reason {@link Reason#MALFORMED} at the
 * absolute offset of the offending byte; nothing else is thrown.
 */
final class ByteReader {

    /** Largest unsigned 32-bit value, as a long. */
    static final long U32_MAX = 0xFFFF_FFFFL;

    private final byte[] bytes;
    private int pos;
    private int limit;
    /** How many sized regions (sections, bodies) the limit is inside of; 0 = the whole module. */
    private int regionDepth;

    /** A reader over the whole module. */
    ByteReader(byte[] bytes) {
        this.bytes = bytes;
        this.limit = bytes.length;
    }

    /** A reader over the contents of a section, {@code bytes[start, end)}; offsets stay absolute. */
    ByteReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.limit = end;
        this.regionDepth = 1;
    }

    /** The absolute offset of the next byte. */
    int position() {
        return pos;
    }

    /**
     * Moves to {@code position}, which must lie within the region being read (for code that read
     * ahead in {@link #array()} itself, see {@code InstructionReader}).
     */
    void seek(int position) {
        if (position < 0 || position > limit) {
            throw new IllegalArgumentException("position " + position + " outside the region");
        }
        pos = position;
    }

    /** The end of the region being read (exclusive). */
    int limit() {
        return limit;
    }

    /** Bytes left before the limit. */
    int remaining() {
        return limit - pos;
    }

    /** Whether the region being read is used up. */
    boolean atLimit() {
        return pos >= limit;
    }

    /** The underlying array (read-only use). */
    byte[] array() {
        return bytes;
    }

    // ---- regions -------------------------------------------------------------------------

    /**
     * Reads a u32 size and narrows the limit to that many bytes. Returns the outer limit, to be
     * handed back to {@link #leaveRegion}. A size beyond the current region is rejected here, so
     * no later step ever trusts it.
     */
    int enterRegion() {
        int sizeOffset = pos;
        long size = u32();
        if (size > remaining()) {
            throw malformed(sizeOffset, "length out of bounds: size " + size + " but only "
                    + remaining() + " bytes left");
        }
        int outer = limit;
        limit = pos + (int) size;
        regionDepth++;
        return outer;
    }

    /** Checks that the region was read exactly to its end and restores the outer limit. */
    void leaveRegion(int regionStart, int outerLimit) {
        if (pos != limit) {
            throw malformed(regionStart, "section size mismatch: " + (limit - pos)
                    + " bytes left unread");
        }
        limit = outerLimit;
        regionDepth--;
    }

    // ---- bytes ---------------------------------------------------------------------------

    /** One byte, unsigned. */
    int u8() {
        if (pos >= limit) {
            throw endOfInput();
        }
        return bytes[pos++] & 0xFF;
    }

    /** The next byte without consuming it. */
    int peek() {
        if (pos >= limit) {
            throw endOfInput();
        }
        return bytes[pos] & 0xFF;
    }

    /** A byte that the format reserves and requires to be zero. */
    int zeroByte() {
        int offset = pos;
        if (u8() != 0) {
            throw malformed(offset, "zero byte expected");
        }
        return 0;
    }

    /** A 32-bit little-endian value. */
    int fixed32() {
        require(4);
        int v = (bytes[pos] & 0xFF) | (bytes[pos + 1] & 0xFF) << 8 | (bytes[pos + 2] & 0xFF) << 16
                | (bytes[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** A 64-bit little-endian value. */
    long fixed64() {
        long lo = fixed32() & U32_MAX;
        long hi = fixed32() & U32_MAX;
        return hi << 32 | lo;
    }

    /** A copy of the next {@code n} bytes (n already checked against the region). */
    byte[] bytes(int n) {
        require(n);
        byte[] copy = new byte[n];
        System.arraycopy(bytes, pos, copy, 0, n);
        pos += n;
        return copy;
    }

    /** Skips {@code n} bytes. */
    void skip(int n) {
        require(n);
        pos += n;
    }

    /** A u32 length followed by that many bytes. */
    byte[] byteVector() {
        return bytes(length());
    }

    /** A name: a u32 length and that many bytes of well-formed UTF-8. */
    String name() {
        int n = length();
        int start = pos;
        skip(n);
        String s = Utf8.decode(bytes, start, n);
        if (s == null) {
            throw malformed(start, "malformed UTF-8 encoding");
        }
        return s;
    }

    private void require(int n) {
        if (n > limit - pos) {
            pos = limit;
            throw endOfInput();
        }
    }

    // ---- LEB128 --------------------------------------------------------------------------

    /** An unsigned 32-bit LEB128 integer, zero-extended. */
    long u32() {
        if (pos < limit) {
            byte b = bytes[pos];
            if (b >= 0) { // the common one-byte case, without the loop
                pos++;
                return b;
            }
        }
        return unsigned(32);
    }

    /** An unsigned 64-bit LEB128 integer (as its bit pattern). */
    long u64() {
        return unsigned(64);
    }

    /** A signed 32-bit LEB128 integer. */
    int s32() {
        return (int) signed(32);
    }

    /** A signed 33-bit LEB128 integer (block types). */
    long s33() {
        return signed(33);
    }

    /** A signed 64-bit LEB128 integer. */
    long s64() {
        return signed(64);
    }

    /**
     * A u32 that indexes something. Indices above {@link Integer#MAX_VALUE} are clamped to it:
     * no index space can be that large, so validation reports them as unknown.
     */
    int index() {
        long v = u32();
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /**
     * A u32 element count or byte length. Every element takes at least one byte, so a count
     * larger than what is left of the region is rejected before anything is allocated for it.
     */
    int length() {
        int offset = pos;
        long n = u32();
        if (n > remaining()) {
            throw malformed(offset, "length out of bounds: " + n + " but only " + remaining()
                    + " bytes left");
        }
        return (int) n;
    }

    /**
     * The spec's unsigned LEB128 rule: at most ceil(bits / 7) bytes ("integer representation too
     * long"), and the bits of the last byte beyond {@code bits} must be zero ("integer too
     * large").
     */
    long unsigned(int bits) {
        long result = 0;
        int left = bits;
        for (int shift = 0; ; shift += 7) {
            if (left <= 0) {
                throw malformed(pos, "integer representation too long");
            }
            int b = u8();
            if (left < 7 && (b & 0x7F) >= 1 << left) {
                throw malformed(pos - 1, "integer too large");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            left -= 7;
        }
    }

    /**
     * The spec's signed LEB128 rule: like {@link #unsigned}, but the unused bits of the last byte
     * must all equal the sign bit.
     */
    long signed(int bits) {
        long result = 0;
        int left = bits;
        for (int shift = 0; ; shift += 7) {
            if (left <= 0) {
                throw malformed(pos, "integer representation too long");
            }
            int b = u8();
            if (left < 7) {
                int mask = (-1 << (left - 1)) & 0x7F;
                if ((b & mask) != 0 && (b & mask) != mask) {
                    throw malformed(pos - 1, "integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                int used = shift + 7;
                if (used < 64 && (b & 0x40) != 0) {
                    result |= -1L << used;
                }
                return result;
            }
            left -= 7;
        }
    }

    // ---- errors --------------------------------------------------------------------------

    /** A malformed-module error at {@code offset}. */
    static CompileException malformed(int offset, String message) {
        return new CompileException(Reason.MALFORMED, offset, message);
    }

    /**
     * Running off the end: of the whole module, or (the spec's wording) of the section or
     * function body whose size field bounds the region.
     */
    private CompileException endOfInput() {
        return malformed(pos, regionDepth == 0 ? "unexpected end" : "unexpected end of section or function");
    }
}
