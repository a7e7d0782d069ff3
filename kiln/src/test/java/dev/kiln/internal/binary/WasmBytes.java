package dev.kiln.internal.binary;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds module binaries by hand for tests: hex strings, sections with computed sizes. */
final class WasmBytes {

    /** The magic number and version 1. */
    static final String HEADER = "00 61 73 6d 01 00 00 00";

    private WasmBytes() {}

    /** Bytes from hex digits; spaces are ignored. */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }

    /** The header followed by the given sections. */
    static byte[] module(byte[]... sections) {
        return concat(hex(HEADER), concat(sections));
    }

    /** A section: id, the u32 size of the contents, the contents (given as hex). */
    static byte[] section(int id, String contentsHex) {
        return section(id, hex(contentsHex));
    }

    /** A section: id, the u32 size of the contents, the contents. */
    static byte[] section(int id, byte[] contents) {
        ByteWriter w = new ByteWriter();
        w.u8(id);
        w.byteVector(contents);
        return w.toByteArray();
    }

    /** A code section entry: the u32 size, then the body (locals and instructions, as hex). */
    static String body(String bodyHex) {
        byte[] b = hex(bodyHex);
        ByteWriter w = new ByteWriter();
        w.byteVector(b);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
