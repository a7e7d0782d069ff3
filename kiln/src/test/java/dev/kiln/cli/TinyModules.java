package dev.kiln.cli;

import java.io.ByteArrayOutputStream;

/** Hand-assembled modules for the failure paths of {@code kiln run}, each a few dozen bytes. */
final class TinyModules {

    private TinyModules() {}

    private static final int[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int EXPORT = 7;
    private static final int CODE = 10;

    /** A valid module with nothing in it, so no {@code _start}. */
    static byte[] empty() {
        return module();
    }

    /** Exports {@code _start}, which calls {@code env.missing}: no host provides it. */
    static byte[] unknownImport() {
        return module(
                section(TYPE, 0x01, 0x60, 0x00, 0x00),                                        // type 0: () -> ()
                section(IMPORT, 0x01, 0x03, 'e', 'n', 'v', 0x07, 'm', 'i', 's', 's', 'i', 'n', 'g',
                        0x00, 0x00),                                                          // func env.missing: type 0
                section(FUNCTION, 0x01, 0x00),                                                // func 1: type 0
                section(EXPORT, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x01),        // export func 1
                section(CODE, 0x01, 0x04, 0x00, 0x10, 0x00, 0x0B));                          // no locals; call 0; end
    }

    /** Decodes, but {@code _start} claims to return an i32 and returns nothing: invalid. */
    static byte[] invalid() {
        return module(
                section(TYPE, 0x01, 0x60, 0x00, 0x01, 0x7F),                                  // type 0: () -> (i32)
                section(FUNCTION, 0x01, 0x00),
                section(EXPORT, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x00),
                section(CODE, 0x01, 0x02, 0x00, 0x0B));                                       // no locals; end
    }

    /** Every section here is shorter than 128 bytes, so its size is a one-byte LEB128. */
    private static int[] section(int id, int... payload) {
        int[] section = new int[payload.length + 2];
        section[0] = id;
        section[1] = payload.length;
        System.arraycopy(payload, 0, section, 2, payload.length);
        return section;
    }

    private static byte[] module(int[]... sections) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b : HEADER) {
            bytes.write(b);
        }
        for (int[] section : sections) {
            for (int b : section) {
                bytes.write(b);
            }
        }
        return bytes.toByteArray();
    }
}
