package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Memory;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** memory.copy and memory.fill over ranges of many chunks, checked against a Java model of memory. */
@ParameterizedClass
@EnumSource(EngineKind.class)
class BulkMemoryTest {

    @Parameter
    EngineKind engine;

    private static final int PAGES = 8;

    @Test
    void largeOverlappingCopiesAndFillsMatchAModel() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            TestModule module = new TestModule().memory("memory", PAGES, PAGES);
            module.function("copy", sig("i32 i32 i32", ""), "local.get 0 local.get 1 local.get 2 memory.copy 0 0");
            module.function("fill", sig("i32 i32 i32", ""), "local.get 0 local.get 1 local.get 2 memory.fill");
            Instance m = module.instantiate(rt);
            Memory memory = m.memory();
            byte[] model = new byte[PAGES * 65536];
            new Random(7).nextBytes(model);
            memory.write(0, model);
            int[][] copies = {
                {1, 0, 300_000}, {0, 1, 300_000}, {70_000, 3, 200_001}, {5, 70_000, 200_001},
                {131_072, 0, 131_072}, {100, 100, 250_000}, {0, 0, 0}, {524_288, 0, 0},
            };
            for (int[] c : copies) {
                m.function("copy").call(c[0], c[1], c[2]);
                System.arraycopy(model, c[1], model, c[0], c[2]);
                assertArrayEquals(model, memory.read(0, model.length), "after copy " + Arrays.toString(c));
            }
            m.function("fill").call(65_535, 0xAB, 200_000);
            Arrays.fill(model, 65_535, 265_535, (byte) 0xAB);
            assertArrayEquals(model, memory.read(0, model.length));
        }
    }

    @Test
    void outOfBoundsBulkOperationsTrapBeforeWriting() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            TestModule module = new TestModule().memory("memory", PAGES, PAGES);
            module.function("copy", sig("i32 i32 i32", ""), "local.get 0 local.get 1 local.get 2 memory.copy 0 0");
            module.function("fill", sig("i32 i32 i32", ""), "local.get 0 local.get 1 local.get 2 memory.fill");
            Instance m = module.instantiate(rt);
            int size = PAGES * 65536;
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    assertThrows(TrapException.class, () -> m.function("fill").call(size - 100, 1, 101)).kind());
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    assertThrows(TrapException.class, () -> m.function("copy").call(0, size - 100, 200_000)).kind());
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS,
                    assertThrows(TrapException.class, () -> m.function("copy").call(0xFFFFFFFFL, 0, 2)).kind());
            assertArrayEquals(new byte[size], m.memory().read(0, size), "nothing was written");
            m.function("fill").call(size, 1, 0);
        }
    }
}
