package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsToAllSmallKernelsOnKilnAndChicory() {
        BenchOptions o = BenchOptions.parse();
        assertEquals(SizeClass.SMALL, o.size());
        assertEquals(2, o.warmups());
        assertEquals(5, o.runs());
        assertEquals(500, o.minMillis());
        assertEquals(List.of("kiln", "chicory"), o.engines());
        assertEquals(List.of(), o.kernels());
    }

    @Test
    void readsEveryOptionAndTheKernels() {
        BenchOptions o = BenchOptions.parse("--size", "default", "--warmup", "0", "--runs", "3", "--min-ms", "0",
                "--engines", "chicory", "--bench-dir", "/tmp/b", "fib", "qsort");
        assertEquals(new BenchOptions(SizeClass.DEFAULT, 0, 3, 0, List.of("chicory"), Path.of("/tmp/b"),
                List.of("fib", "qsort")), o);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--size", "huge"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs", "0"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--warmup"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--fast"));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--engines", "kiln,wazero"));
    }
}
