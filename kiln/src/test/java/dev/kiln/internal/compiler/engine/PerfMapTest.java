package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.WasmStackFrame;
import dev.kiln.testing.TestModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -Dkiln.perfmap=true}: each compiled function gets one line perf can read. */
class PerfMapTest {

    @Test
    void offUnlessAskedFor() {
        assertNull(System.getProperty("kiln.perfmap"), "the suite runs without a perf map");
        assertNull(PerfMap.fromSystemProperties());
    }

    @Test
    void symbolsNameModuleAndFunctionOrIndex() {
        assertEquals("wasm:app!fib", PerfMap.symbol(new WasmStackFrame("app", 3, "fib", -1)));
        assertEquals("wasm:![7]", PerfMap.symbol(new WasmStackFrame(null, 7, null, -1)));
    }

    @Test
    void everyCompiledFunctionIsListedWithItsCodeRange(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("perf-" + ProcessHandle.current().pid() + ".map");
        System.setProperty("kiln.perfmap", "true");
        System.setProperty("kiln.perfmap.dir", dir.toString());
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.COMPILER))) {
            System.clearProperty("kiln.perfmap");
            System.clearProperty("kiln.perfmap.dir");
            TestModule module = new TestModule().named("app");
            module.function("twice", sig("i32", "i32"), "local.get 0 i32.const 2 i32.mul");
            module.function("inc", sig("i32", "i32"), "local.get 0 i32.const 1 i32.add");
            Instance instance = module.instantiate(runtime);
            assertArrayEquals(new long[] {42}, instance.function("twice").call(21));

            List<String[]> lines = Files.readAllLines(file).stream().map(line -> line.split(" ")).toList();
            assertEquals(List.of("wasm:app!twice", "wasm:app!inc"), lines.stream().map(l -> l[2]).toList());
            long previousEnd = 0;
            for (String[] line : lines) {
                long start = Long.parseUnsignedLong(line[0], 16);
                long size = Long.parseLong(line[1], 16);
                assertTrue(size > 0 && start >= previousEnd, "ranges are non-empty and in order: " + String.join(" ", line));
                previousEnd = start + size;
            }
        } finally {
            System.clearProperty("kiln.perfmap");
            System.clearProperty("kiln.perfmap.dir");
        }
    }
}
