package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompiledModule;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A compiled module is shared: threads lower its functions lazily and run their own instances. */
class ConcurrencyTest {

    @Test
    void instancesOfOneModuleRunOnManyThreads() throws Exception {
        TestModule module = new TestModule().memory("memory", 1, 1);
        int fib = module.function("fib", sig("i32", "i32"),
                "local.get 0 i32.const 2 i32.lt_u if i32 local.get 0 else local.get 0 i32.const 1 i32.sub call 0"
                        + " local.get 0 i32.const 2 i32.sub call 0 i32.add end");
        module.function("run", sig("i32", "i32"), "i32.const 0 local.get 0 call " + fib + " i32.store i32.const 0 i32.load");
        try (Runtime rt = Runtime.create(); ExecutorService pool = Executors.newFixedThreadPool(4)) {
            CompiledModule compiled = rt.compile(module.encode());
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = 15 + i % 5;
                results.add(pool.submit(() -> {
                    Instance instance = rt.instantiate(compiled);
                    return instance.function("run").call(n)[0];
                }));
            }
            long[] expected = {610, 987, 1597, 2584, 4181};
            for (int i = 0; i < results.size(); i++) {
                assertEquals(expected[i % 5], results.get(i).get());
            }
        }
    }
}
