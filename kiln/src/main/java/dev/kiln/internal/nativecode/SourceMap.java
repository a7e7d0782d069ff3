package dev.kiln.internal.nativecode;

import java.util.Arrays;

/**
 * Which WebAssembly instruction each stopping point of one function's native code belongs to:
 * what gives a compiled frame of a stack trace its byte offset.
 *
 * <pre>
 *   code offset (from the function's start)    byte offset in the module binary
 *   0x2d  return address of a call       ──▶   0x1a2  the call (a host call, an exit)
 *   0x91  return address of a trap stub  ──▶   0x1b0  the load whose bounds check failed
 * </pre>
 *
 * <p>A stopping point is an address a stack walk finds: a return address on the stack, or the
 * resume address an exit or trap saved. Lookups are exact; a point the map does not hold (code
 * the compiler did not describe) has no byte offset.
 */
public final class SourceMap {

    /** A map without points: every frame of the function shows no byte offset. */
    public static final SourceMap EMPTY = new SourceMap(new int[0], new int[0]);

    private final int[] codeOffsets;
    private final int[] byteOffsets;

    /**
     * @param codeOffsets the stopping points, strictly ascending
     * @param byteOffsets the byte offset of each point's WebAssembly instruction
     */
    public SourceMap(int[] codeOffsets, int[] byteOffsets) {
        if (codeOffsets.length != byteOffsets.length) {
            throw new IllegalArgumentException(codeOffsets.length + " code offsets but " + byteOffsets.length
                    + " byte offsets");
        }
        for (int k = 1; k < codeOffsets.length; k++) {
            if (codeOffsets[k] <= codeOffsets[k - 1]) {
                throw new IllegalArgumentException("code offsets must ascend: 0x" + Integer.toHexString(codeOffsets[k])
                        + " after 0x" + Integer.toHexString(codeOffsets[k - 1]));
            }
        }
        this.codeOffsets = codeOffsets;
        this.byteOffsets = byteOffsets;
    }

    /** How many stopping points the map holds. */
    public int size() {
        return codeOffsets.length;
    }

    /** The byte offset of the instruction whose stopping point is at {@code codeOffset}, or -1. */
    public int byteOffsetAt(long codeOffset) {
        if (codeOffset < 0 || codeOffset > Integer.MAX_VALUE) {
            return -1;
        }
        int k = Arrays.binarySearch(codeOffsets, (int) codeOffset);
        return k >= 0 ? byteOffsets[k] : -1;
    }
}
