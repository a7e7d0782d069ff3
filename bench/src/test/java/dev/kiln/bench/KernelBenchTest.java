package dev.kiln.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelBenchTest {

    @Test
    void ratiosDivideByNativeWhenItRunsElseByTheFirstEngine() {
        assertEquals(2, KernelBench.baseline(List.of("kiln", "chicory", "native")));
        assertEquals(0, KernelBench.baseline(List.of("kiln-compiler", "chicory")));
    }
}
