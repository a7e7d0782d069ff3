package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    @SafeVarargs
    private static KernelResult result(String name, List<Double>... samples) {
        return new KernelResult(new Kernel(name, "1", 0, Path.of(name + ".wasm"), Path.of(name + ".c"), List.of()),
                List.of(samples));
    }

    @Test
    void ratioIsOtherOverFirstMedian() {
        KernelResult r = result("fib", List.of(10.0, 100.0, 12.0), List.of(30.0, 36.0, 33.0));
        assertEquals(33.0 / 12.0, new ComparisonTable(List.of("Kiln", "Chicory"), 0).ratio(r, 1), 1e-12);
    }

    @Test
    void printsMediansRatiosAndTheirGeometricMean() {
        ComparisonTable table = new ComparisonTable(List.of("Kiln", "Chicory"), 0);
        table.add(result("fib", List.of(10.0), List.of(20.0)));
        table.add(result("sieve", List.of(10.0), List.of(80.0)));
        List<String> lines = table.format().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).matches("kernel\\s+size\\s+Kiln ms\\s+Chicory ms\\s+Chicory/Kiln"), lines.get(0));
        assertTrue(lines.get(1).matches("fib\\s+1\\s+10\\.0\\s+20\\.0\\s+2\\.00x"), lines.get(1));
        assertTrue(lines.get(2).matches("sieve\\s+1\\s+10\\.0\\s+80\\.0\\s+8\\.00x"), lines.get(2));
        assertTrue(lines.get(3).matches("geomean\\s+4\\.00x"), lines.get(3));
    }

    @Test
    void longEngineNamesStaySeparatedAndAligned() {
        ComparisonTable table = new ComparisonTable(List.of("Kiln", "Kiln-compiler", "Chicory-compiler"), 0);
        table.add(result("fib", List.of(100.0), List.of(12345.6), List.of(5.0)));
        List<String> lines = table.format().lines().toList();
        // Two spaces at least between header cells, whatever their length.
        assertEquals(List.of("kernel", "size", "Kiln ms", "Kiln-compiler ms", "Chicory-compiler ms",
                "Kiln-compiler/Kiln", "Chicory-compiler/Kiln"), List.of(lines.get(0).split(" {2,}")));
        // Right-aligned: every cell of a column ends where its header ends.
        assertEquals(lines.get(0).indexOf("Kiln-compiler ms") + "Kiln-compiler ms".length(),
                lines.get(1).indexOf("12345.6") + "12345.6".length());
        assertEquals(lines.get(0).length(), lines.get(1).length());
    }

    @Test
    void ratiosDivideByTheBaselineWhereverItIs() {
        ComparisonTable table = new ComparisonTable(List.of("Kiln", "Chicory", "Native"), 2);
        table.add(result("fib", List.of(30.0), List.of(60.0), List.of(10.0)));
        table.add(result("sieve", List.of(20.0), List.of(160.0), List.of(10.0)));
        List<String> lines = table.format().lines().toList();
        assertTrue(lines.get(0).matches("kernel\\s+size\\s+Kiln ms\\s+Chicory ms\\s+Native ms\\s+Kiln/Native\\s+Chicory/Native"),
                lines.get(0));
        assertTrue(lines.get(1).matches("fib\\s+1\\s+30\\.0\\s+60\\.0\\s+10\\.0\\s+3\\.00x\\s+6\\.00x"), lines.get(1));
        assertTrue(lines.get(2).matches("sieve\\s+1\\s+20\\.0\\s+160\\.0\\s+10\\.0\\s+2\\.00x\\s+16\\.00x"), lines.get(2));
        // sqrt(3 * 2) and sqrt(6 * 16)
        assertTrue(lines.get(3).matches("geomean\\s+2\\.45x\\s+9\\.80x"), lines.get(3));
    }

    @Test
    void rejectsABaselineThatIsNoEngine() {
        assertThrows(IllegalArgumentException.class, () -> new ComparisonTable(List.of("Kiln"), 1));
    }
}
