package dev.kiln.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-assembled modules for the call benchmarks, so they need no toolchain and measure nothing
 * but the call path. Every length here is below 128, so each LEB128 is a single byte.
 */
public final class TinyModules {

    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int EXPORT = 7;
    private static final int CODE = 10;
    /** {@code (func (param i32 i32) (result i32))}. */
    private static final byte[] BINARY_I32_TYPE = {0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F};
    private static final byte LOCAL_GET = 0x20;
    private static final byte LOCAL_SET = 0x21;
    private static final byte CALL = 0x10;
    private static final byte I32_ADD = 0x6A;
    private static final byte END = 0x0B;

    /**
     * How many times {@code host_loop} calls the host: enough that the one entry from Java, which
     * the benchmark divides among them, is about a tenth of a nanosecond of each.
     */
    public static final int HOST_CALLS = 100;

    private TinyModules() {}

    /** What the host's {@code env.add} computes: i32 addition, as a zero-extended slot. */
    public static long hostAdd(long a, long b) {
        return ((int) a + (int) b) & 0xFFFF_FFFFL;
    }

    /** {@code (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)}. */
    public static byte[] add() {
        return module(
                section(TYPE, BINARY_I32_TYPE),
                section(FUNCTION, new byte[] {0x01, 0x00}),
                section(EXPORT, concat(new byte[] {0x01}, exportFunction("add", 0))),
                section(CODE, concat(new byte[] {0x01}, body(LOCAL_GET, 0, LOCAL_GET, 1, I32_ADD, END))));
    }

    /**
     * Imports {@code env.add : (i32, i32) -> i32} from the host and exports {@code call_host},
     * which calls it with its own two arguments (Java to Wasm to host and back), and
     * {@code host_loop}, which does {@code a = env.add(a, b)} {@value #HOST_CALLS} times in a
     * loop and returns {@code a}: Wasm to host and back, {@value #HOST_CALLS} times a Java call.
     */
    public static byte[] hostRoundTrip() {
        byte[] loop = {
            0x01, 0x01, 0x7F,                       // one local: the count, i32
            // count = HOST_CALLS, a two-byte signed LEB128 (for 64 to 8191)
            0x41, (byte) (0x80 | HOST_CALLS & 0x7F), (byte) (HOST_CALLS >> 7), 0x21, 0x02,
            0x03, 0x40,                             // loop
            LOCAL_GET, 0, LOCAL_GET, 1, CALL, 0, LOCAL_SET, 0,
            LOCAL_GET, 2, 0x41, 0x01, 0x6B, 0x22, 0x02, // count = count - 1 (local.tee)
            0x0D, 0x00,                             // br_if 0
            END,
            LOCAL_GET, 0, END,
        };
        return module(
                section(TYPE, BINARY_I32_TYPE),
                section(IMPORT, concat(new byte[] {0x01}, name("env"), name("add"), new byte[] {0x00, 0x00})),
                section(FUNCTION, new byte[] {0x02, 0x00, 0x00}),
                section(EXPORT, concat(new byte[] {0x02}, exportFunction("call_host", 1), exportFunction("host_loop", 2))),
                section(CODE, concat(new byte[] {0x02}, body(LOCAL_GET, 0, LOCAL_GET, 1, CALL, 0, END),
                        concat(new byte[] {length(loop.length)}, loop))));
    }

    private static byte[] module(byte[]... sections) {
        return concat(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}, concat(sections));
    }

    private static byte[] section(int id, byte[] content) {
        return concat(new byte[] {(byte) id, length(content.length)}, content);
    }

    /** A function body without locals. */
    private static byte[] body(int... code) {
        byte[] body = new byte[code.length + 2];
        body[0] = length(code.length + 1);
        for (int i = 0; i < code.length; i++) {
            body[i + 2] = (byte) code[i];
        }
        return body;
    }

    private static byte[] exportFunction(String name, int index) {
        return concat(name(name), new byte[] {0x00, (byte) index});
    }

    private static byte[] name(String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        return concat(new byte[] {length(utf8.length)}, utf8);
    }

    private static byte length(int n) {
        if (n >= 128) {
            throw new IllegalArgumentException("length " + n + " needs a multi-byte LEB128");
        }
        return (byte) n;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
