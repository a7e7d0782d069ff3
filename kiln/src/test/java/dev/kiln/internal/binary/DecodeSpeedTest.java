package dev.kiln.internal.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.wasm.Module;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder must handle large real programs quickly: after warm-up, each of the 2 MB Rust WASI
 * test binaries, and a synthetic module of 2.8 MB of dense code, in well under a second. The
 * bound asserted here is loose so that a busy machine does not fail the build; the printed
 * times are the real measure.
 */
class DecodeSpeedTest {

    private static final long BOUND_NANOS = 1_000_000_000L;

    @Test
    void decodesTheRustTestBinariesQuickly() {
        List<byte[]> programs = RoundTripTest.wasmFiles(SpecScripts.shared()
                .resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip1")).map(SpecScripts::read).toList();
        for (byte[] p : programs) { // warm-up
            ModuleDecoder.decode(p);
        }
        long slowest = 0;
        long total = 0;
        for (byte[] p : programs) {
            long start = System.nanoTime();
            ModuleDecoder.decode(p);
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            total += took;
        }
        System.out.printf("decode speed: %d Rust binaries, average %.1f ms, slowest %.1f ms%n",
                programs.size(), total / 1e6 / programs.size(), slowest / 1e6);
        assertTrue(slowest < BOUND_NANOS, "slowest decode took " + slowest / 1_000_000 + " ms");
    }

    @Test
    void decodesDenseCodeQuickly() {
        int pairs = 700_000;
        StringBuilder code = new StringBuilder("00");
        code.append("41 81 01 1a".repeat(pairs)).append("0b"); // i32.const 129; drop
        byte[] bytes = WasmBytes.module(WasmBytes.section(1, "01 60 00 00"), WasmBytes.section(3, "01 00"),
                WasmBytes.section(10, "01" + WasmBytes.body(code.toString())));
        long slowest = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            Module m = ModuleDecoder.decode(bytes);
            slowest = round == 0 ? 0 : Math.max(slowest, System.nanoTime() - start);
            assertEquals(2 * pairs + 1, m.code().get(0).code().length);
        }
        System.out.printf("decode speed: %.1f MB of code, slowest after warm-up %.1f ms%n",
                bytes.length / 1e6, slowest / 1e6);
        assertTrue(slowest < BOUND_NANOS, "slowest decode took " + slowest / 1_000_000 + " ms");
    }
}
