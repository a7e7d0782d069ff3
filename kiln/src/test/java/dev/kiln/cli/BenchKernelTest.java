package dev.kiln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs a benchmark kernel of {@code ../shared/bench} through {@code kiln run} at its small size
 * and checks the checksum every other runtime prints (kernels.tsv, checksums.tsv).
 */
class BenchKernelTest {

    private static Path bench() {
        String shared = System.getProperty("kiln.shared");
        assertNotNull(shared, "the build sets -Dkiln.shared to the shared folder");
        return Path.of(shared, "bench");
    }

    /** The rows of a TAB-separated file, without {@code #} comments. */
    private static List<String[]> rows(String file) throws IOException {
        return Files.readAllLines(bench().resolve(file)).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .toList();
    }

    private static String column(String file, int keyColumns, int valueColumn, String... key) throws IOException {
        return rows(file).stream()
                .filter(row -> List.of(row).subList(0, keyColumns).equals(List.of(key)))
                .map(row -> row[valueColumn])
                .findFirst()
                .orElseThrow(() -> new AssertionError(String.join(" ", key) + " not in " + file));
    }

    @Test
    void fibPrintsTheChecksumOfItsSmallSize() throws IOException {
        String size = column("kernels.tsv", 1, 2, "fib");
        String checksum = column("checksums.tsv", 3, 3, "fib", "small", size);
        MainTest.Outcome outcome = MainTest.kiln("run", bench().resolve("wasm/fib.wasm").toString(), size);
        assertEquals(0, outcome.status(), outcome.stderr());
        assertEquals("", outcome.stderr());
        assertTrue(outcome.stdout().matches("fib checksum=" + checksum + " kernel_ms=\\d+\\.\\d{3}\\R"), outcome.stdout());
    }
}
