package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CompileTimeBenchTest {

    @Test
    void takesOneModuleAndCompilesOnEveryProcessorByDefault() {
        int processors = java.lang.Runtime.getRuntime().availableProcessors();
        assertEquals(new CompileTimeBench.Options(Path.of("ruby.wasm"), processors),
                CompileTimeBench.Options.parse("ruby.wasm"));
        assertEquals(new CompileTimeBench.Options(Path.of("/tmp/m.wasm"), 1),
                CompileTimeBench.Options.parse("--threads", "1", "/tmp/m.wasm"));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.Options.parse());
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.Options.parse("a.wasm", "b.wasm"));
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.Options.parse("--threads", "0", "a.wasm"));
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.Options.parse("a.wasm", "--threads"));
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.Options.parse("--fast", "a.wasm"));
    }

    @Test
    void codeIsTheSumOfTheDeclaredBodySizes() {
        // add: one body of 7 bytes, no locals then local.get 0, local.get 1, i32.add, end.
        assertEquals(new CompileTimeBench.Code(1, 7), CompileTimeBench.code(TinyModules.add()));
        // After an import section: call_host (local.get 0, local.get 1, call 0, end: 8 bytes) and
        // host_loop (one local, then a loop of 100 host calls: 31).
        assertEquals(new CompileTimeBench.Code(2, 39), CompileTimeBench.code(TinyModules.hostRoundTrip()));
    }

    @Test
    void readsMultiByteSizesAndSkipsOtherSections() {
        byte[] body = new byte[200]; // a size of two LEB128 bytes, 0xC8 0x01
        byte[] module = concat(
                new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00},
                new byte[] {0x00, 0x03, 0x01, 'x', 0x0B}, // custom section "x" with one byte, 0x0B like an end
                new byte[] {0x0A, (byte) 0xD0, 0x01, 0x02, (byte) 0xC8, 0x01}, body, new byte[] {0x02, 0x00, 0x0B});
        assertEquals(new CompileTimeBench.Code(2, 202), CompileTimeBench.code(module));
    }

    @Test
    void aModuleWithoutCodeHasNone() {
        assertEquals(new CompileTimeBench.Code(0, 0),
                CompileTimeBench.code(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00}));
    }

    @Test
    void rejectsWhatIsNotAModuleOrEndsEarly() {
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.code(new byte[] {0x00, 0x61, 0x73}));
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.code("not wasm".getBytes()));
        byte[] add = TinyModules.add();
        assertThrows(IllegalArgumentException.class, () -> CompileTimeBench.code(Arrays.copyOf(add, add.length - 1)));
    }

    @Test
    void theLineGivesMegabytesPerSecondPerCompileThread() {
        // ruby.wasm's code compiled in 5 s on two threads: 2.332 MB/s, 1.166 per thread.
        var result = new CompileTimeBench.Result(17_825, 11_659_132, 5_000_000_000L, 2, 600L << 20, 1L << 30, "G1");
        assertEquals("kiln compile_ms=5000.0 functions=17825 code_mb=11.659 mb_per_s=2.332 threads=2"
                + " mb_per_s_per_core=1.166 peak_heap_mib=600.0 max_heap_mib=1024 gc=G1", result.line());
    }

    @Test
    void measuresACompileOnTheCompiler() {
        CompileTimeBench.Result result = CompileTimeBench.measure(TinyModules.add(), 1);
        assertEquals(1, result.functions());
        assertEquals(7, result.codeBytes());
        assertEquals(1, result.threads());
        assertTrue(result.peakHeapBytes() > 0 && result.maxHeapBytes() > 0, result.line());
    }

    /** A module the compiler hands to the interpreter: the figure would not be a compile. */
    @Test
    void failsWhenKilnRunsTheModuleOnTheInterpreter() {
        byte[] v128 = concat(
                new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00},
                new byte[] {0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F}, // type () -> i32
                new byte[] {0x03, 0x02, 0x01, 0x00},
                // i32.const 7, i32x4.splat, i32x4.extract_lane 0, end
                new byte[] {0x0A, 0x0B, 0x01, 0x09, 0x00, 0x41, 0x07, (byte) 0xFD, 0x11, (byte) 0xFD, 0x1B, 0x00,
                    0x0B});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CompileTimeBench.measure(v128, 1));
        assertTrue(e.getMessage().contains("interpreter"), e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
