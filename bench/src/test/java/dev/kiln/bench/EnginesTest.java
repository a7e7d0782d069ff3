package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs a real kernel, at a size small enough for a unit test, through the whole comparison path. */
class EnginesTest {

    private static final Kernel FIB_20 = new Kernel("fib", "20", 6765,
            KernelCatalog.defaultDirectory().resolve("wasm/fib.wasm"),
            KernelCatalog.defaultDirectory().resolve("src/fib.c"), List.of());
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @ParameterizedTest
    @ValueSource(strings = {"kiln", "kiln-compiler", "chicory", "chicory-compiler", "native"})
    void eachEngineRunsAKernelAgainAndAgainAndPrintsItsChecksum(String engine) {
        try (WasiCommand fib = Engines.byName(engine).load(FIB_20)) {
            // Twice: the second run instantiates what the first one's load compiled.
            for (int run = 0; run < 2; run++) {
                FIB_20.check(KernelOutput.parse(fib.run(List.of("fib", "20"))), engine);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiln", "kiln-compiler", "chicory", "chicory-compiler", "native"})
    void aNonZeroExitIsAnError(String engine) {
        try (WasiCommand fib = Engines.byName(engine).load(FIB_20)) {
            // The kernels exit with status 2 on a bad size, and say why on stderr.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> fib.run(List.of("fib", "zero")));
            assertTrue(e.getMessage().endsWith("exited with status 2: fib: bad size 'zero'"), e.getMessage());
        }
    }

    @Test
    void comparisonCollectsOneSamplePerMeasuredRunAndEngine() {
        List<WasiEngine> engines = Engines.DEFAULT.stream().map(Engines::byName).toList();
        KernelResult result = new KernelComparison(engines, 1, 2, 0, QUIET).measure(FIB_20);
        assertEquals(2, result.samplesMs().size());
        result.samplesMs().forEach(samples -> assertEquals(2, samples.size()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiln", "kiln-compiler", "chicory", "chicory-compiler", "native"})
    void aWrongExpectedChecksumStopsTheComparison(String engine) {
        Kernel wrong = new Kernel("fib", "20", 6766, FIB_20.wasm(), FIB_20.source(), List.of());
        KernelComparison comparison = new KernelComparison(List.of(Engines.byName(engine)), 0, 1, 0, QUIET);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> comparison.measure(wrong));
        assertTrue(e.getMessage().contains("CHECKSUM MISMATCH"), e.getMessage());
    }
}
