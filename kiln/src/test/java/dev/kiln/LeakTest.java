package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.testing.TestModule;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A long-lived runtime that instantiates and closes modules in a loop keeps nothing of them:
 * not their native memory, not their mappings, not their function references.
 */
class LeakTest {

    private static final int INSTANCES = 100_000;
    /**
     * The JIT and the C allocator's arenas settle in the first ten to twenty thousand cycles
     * (RSS rises by 30-45 MiB, then stays flat). The bounds apply to the second half of the
     * measured cycles, where a real leak still grows at its own rate.
     */
    private static final int WARM_UP = 20_000;

    @Test
    void instantiatingAndClosingInALoopReturnsHeapRssAndMappings() throws IOException {
        assumeTrue(heapIsFixedAndPreTouched(), "LeakTest measures RSS only on a fixed, pre-touched heap:"
                + " the surefire execution 'leak' runs it so (./mvnw verify)");
        try (Runtime runtime = Runtime.create()) {
            AtomicLong ticks = new AtomicLong();
            runtime.hostModule("env")
                    .function("tick", sig("i32", "i32"), (caller, stack) -> {
                        ticks.incrementAndGet();
                        stack[0] = stack[0] * 2;
                    })
                    .instantiate();
            CompiledModule module = runtime.compile(everythingAnInstanceHolds().encode());

            cycle(runtime, module, WARM_UP);
            Usage start = Usage.now();
            cycle(runtime, module, INSTANCES / 2);
            Usage before = Usage.now();
            long lastReference = cycle(runtime, module, INSTANCES / 2);
            Usage after = Usage.now();
            System.out.println("LeakTest first " + INSTANCES / 2 + " cycles: " + start + " -> " + before);

            assertEquals(WARM_UP + INSTANCES / 2 * 2, ticks.get(), "every instance called its host import");
            assertEquals(1, runtime.store().liveInstances(), "only the host module is left");
            assertTrue((lastReference & 0xFFFF_FFFFL) <= 4, "reference slots are reused, got " + Long.toHexString(lastReference));
            after.assertNear(before);
        }
    }

    @Test
    void aReferenceToAClosedInstancesFunctionIsRefused() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule();
            int f = m.function("f", sig("", "i32"), "i32.const 7");
            m.function("ref", sig("", "funcref"), "ref.func " + f);
            m.functionTable(1, f);
            Instance first = m.instantiate(runtime);
            long stale = first.function("ref").call()[0];
            first.close();
            long fresh = m.instantiate(runtime).function("ref").call()[0];

            assertEquals(stale & 0xFFFF_FFFFL, fresh & 0xFFFF_FFFFL, "the slot is reused");
            assertTrue(stale != fresh, "under a new generation");
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> runtime.store().function(stale));
            assertEquals("not a function reference of this runtime: " + stale, refused.getMessage());
            assertEquals(fresh, runtime.store().referenceOf(runtime.store().function(fresh)), "the fresh id names its function");
        }
    }

    /** One import, one memory, one table, a funcref global, and code that uses all of them. */
    private static TestModule everythingAnInstanceHolds() {
        TestModule m = new TestModule().memory("memory", 1, 4);
        int tick = m.importFunction("env", "tick", sig("i32", "i32"));
        int inc = m.function("inc", sig("i32", "i32"), "local.get 0 i32.const 1 i32.add");
        m.functionTable(4, inc);
        m.global("g", ValueType.FUNCREF, true, "ref.func " + inc);
        int unary = m.type(sig("i32", "i32"));
        m.function("run", sig("i32", "i32"), "i32.const 1 ref.func " + inc + " table.set 0 "
                + "ref.func " + inc + " global.set 0 "
                + "i32.const 8 local.get 0 call " + tick + " i32.store "
                + "i32.const 8 i32.load i32.const 1 call_indirect " + unary + " 0");
        m.function("ref", sig("", "funcref"), "global.get 0");
        return m;
    }

    /**
     * G1 gives back the pages of a heap it shrinks asynchronously, after a collection, so on a
     * resizable heap RSS swung by 100-180 MiB (seen with native memory tracking: all of it Java
     * heap) while the memory bean already reported the shrunk size. With initial = maximum heap,
     * pre-touched, the heap's share of RSS is constant and what is left to move is native memory.
     */
    private static boolean heapIsFixedAndPreTouched() {
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getInit() == heap.getMax()
                && ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch");
    }

    /** Instantiates, uses and closes {@code count} instances; the last funcref handed to Java. */
    private static long cycle(Runtime runtime, CompiledModule module, int count) {
        long reference = 0;
        for (int i = 0; i < count; i++) {
            Instance instance = runtime.instantiate(module);
            assertEquals(2L * (i & 0xFFFF) + 1, instance.function("run").call(i & 0xFFFF)[0]);
            reference = instance.function("ref").call()[0];
            instance.close();
        }
        return reference;
    }

    /** The Java heap after a full collection, the resident set and the number of mappings. */
    private record Usage(long heapBytes, long rssBytes, long mappings) {

        static Usage now() throws IOException {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElseThrow();
            long mappings;
            try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
                mappings = lines.count();
            }
            return new Usage(heap, rss, mappings);
        }

        /**
         * Generous bounds that a per-instance leak still breaks: over half the cycles, one small
         * object per instance is several MiB of heap, 200 bytes of native memory per instance is
         * 9.5 MiB of RSS (on a fixed heap RSS moved by under 1 MiB here), and a leaked memory is
         * 64 KiB of RSS and a mapping each.
         */
        void assertNear(Usage before) {
            String figures = "before " + before + ", after " + this;
            System.out.println("LeakTest last " + INSTANCES / 2 + " cycles: " + figures);
            assertTrue(heapBytes - before.heapBytes < 16 << 20, "heap grew: " + figures);
            assertTrue(rssBytes - before.rssBytes < 8 << 20, "RSS grew: " + figures);
            assertTrue(mappings - before.mappings < 64, "mappings grew: " + figures);
        }
    }
}
