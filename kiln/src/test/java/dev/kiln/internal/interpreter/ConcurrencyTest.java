package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.CompiledModule;
import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.ManyThreads;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A compiled module is shared: threads lower its functions lazily and run their own instances. */
@ParameterizedClass
@EnumSource(EngineKind.class)
class ConcurrencyTest {

    @Parameter
    EngineKind engine;

    @Test
    void instancesOfOneModuleRunOnManyThreads() throws Exception {
        TestModule module = new TestModule().memory("memory", 1, 1);
        int fib = module.function("fib", sig("i32", "i32"),
                "local.get 0 i32.const 2 i32.lt_u if i32 local.get 0 else local.get 0 i32.const 1 i32.sub call 0"
                        + " local.get 0 i32.const 2 i32.sub call 0 i32.add end");
        module.function("run", sig("i32", "i32"), "i32.const 0 local.get 0 call " + fib + " i32.store i32.const 0 i32.load");
        try (Runtime rt = TestRuntimes.on(engine); ExecutorService pool = Executors.newFixedThreadPool(4)) {
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

    @Test
    void aThousandVirtualAndFourPlatformThreadsCallInstancesAtOnce() throws Exception {
        TestModule module = new TestModule();
        int triple = module.importFunction("env", "triple", sig("i64", "i64"));
        int sum = module.function("sum", sig("i64", "i64"),
                "local.get 0 i64.eqz if i64 i64.const 0 else local.get 0 local.get 0 i64.const 1 i64.sub call 1 i64.add end");
        module.function("viaHost", sig("i64", "i64"), "local.get 0 call " + triple + " i64.const 1 i64.add");
        module.function("boom", sig("", ""), "unreachable");
        try (Runtime rt = TestRuntimes.on(engine)) {
            rt.hostModule("env").function("triple", sig("i64", "i64"), (caller, stack) -> stack[0] *= 3).instantiate();
            CompiledModule compiled = rt.compile(module.encode());
            ManyThreads.run(1000, 4, seed -> {
                try (Instance instance = rt.instantiate(compiled)) {
                    long depth = 1000 + seed % 4000;
                    assertEquals(depth * (depth + 1) / 2, instance.function("sum").call(depth)[0]);
                    assertEquals(3L * seed + 1, instance.function("viaHost").call(seed)[0]);
                    TrapException trap = assertThrows(TrapException.class, instance.function("boom")::call);
                    assertEquals(TrapKind.UNREACHABLE, trap.kind());
                }
            });
        }
    }
}
