package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

    private static KernelResult result(String name, List<Double> first, List<Double> second) {
        return new KernelResult(new Kernel(name, "1", 0, Path.of(name + ".wasm"), Path.of(name + ".c"), List.of()), List.of(first, second));
    }

    @Test
    void ratioIsOtherOverFirstMedian() {
        KernelResult r = result("fib", List.of(10.0, 100.0, 12.0), List.of(30.0, 36.0, 33.0));
        assertEquals(33.0 / 12.0, ComparisonTable.ratio(r, 1), 1e-12);
    }

    @Test
    void printsMediansRatiosAndTheirGeometricMean() {
        ComparisonTable table = new ComparisonTable(List.of("Kiln", "Chicory"));
        table.add(result("fib", List.of(10.0), List.of(20.0)));
        table.add(result("sieve", List.of(10.0), List.of(80.0)));
        List<String> lines = table.format().lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).matches("kernel\\s+size\\s+Kiln ms\\s+Chicory ms\\s+Chicory/Kiln"), lines.get(0));
        assertTrue(lines.get(1).matches("fib\\s+1\\s+10\\.0\\s+20\\.0\\s+2\\.00x"), lines.get(1));
        assertTrue(lines.get(2).matches("sieve\\s+1\\s+10\\.0\\s+80\\.0\\s+8\\.00x"), lines.get(2));
        assertTrue(lines.get(3).matches("geomean\\s+4\\.00x"), lines.get(3));
    }
}
