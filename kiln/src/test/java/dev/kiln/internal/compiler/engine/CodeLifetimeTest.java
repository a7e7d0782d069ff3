package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.RuntimeInternals;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.TestModule;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A module's machine code lives as long as something can run it, and no longer: an open
 * instance, another instance's table or import holding one of its functions, or the
 * {@code CompiledModule}. And no close, from any thread, frees what a running call uses.
 */
class CodeLifetimeTest {

    private static Runtime compilerRuntime() {
        return Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.COMPILER));
    }

    private static CompilerEngine engine(Runtime runtime) {
        return (CompilerEngine) RuntimeInternals.engine(runtime);
    }

    /** A module whose {@code get} reads its memory and a global: 42 + 5. */
    private static TestModule stateful(String name) {
        TestModule m = new TestModule().named(name).memory("memory", 1, 1);
        m.global("g", ValueType.I32, true, "i32.const 5");
        m.data(8, new byte[] {42});
        m.function("get", sig("", "i32"), "i32.const 8 i32.load global.get 0 i32.add");
        return m;
    }

    /** Collects until the engine's code arena holds at most {@code modules} modules' code, or gives up after a while. */
    private static long collectUntil(CompilerEngine engine, long modules) throws InterruptedException {
        for (int k = 0; k < 100 && engine.arena().freeableBlockCount() > modules; k++) {
            System.gc();
            Thread.sleep(20);
        }
        return engine.arena().freeableBlockCount();
    }

    @Test
    void theCodeOfModulesNoLongerUsedIsUnmapped() throws InterruptedException {
        try (Runtime runtime = compilerRuntime()) {
            for (int k = 0; k < 500; k++) {
                Instance instance = runtime.instantiate(runtime.compile(stateful("m" + k).encode()));
                assertArrayEquals(new long[] {47}, instance.function("get").call());
                instance.close();
            }
            assertEquals(0, collectUntil(engine(runtime), 0), "500 modules compiled, used and dropped");
        }
    }

    /** Gives the collector and the cleaner a chance to free what they (wrongly) could. */
    private static void collect() throws InterruptedException {
        for (int k = 0; k < 5; k++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void codeLivesWhileAnInstanceOrAnotherInstancesTableCanRunIt() throws InterruptedException {
        try (Runtime runtime = compilerRuntime()) {
            TestModule holder = new TestModule().named("holder");
            holder.table(ValueType.FUNCREF, 1, Limits.NO_MAX).export("table", ExternalKind.TABLE, 0);
            holder.function("callAt", sig("i32", "i32"), "local.get 0 call_indirect " + holder.type(sig("", "i32")) + " 0");
            TestModule definer = stateful("definer").importTable("holder", "table", ValueType.FUNCREF, 1, Limits.NO_MAX);
            definer.activeElements(0, 0);
            Instance tables = holder.instantiate(runtime);
            Instance functions = definer.instantiate(runtime); // its CompiledModule is dropped here
            collect();
            assertArrayEquals(new long[] {47}, functions.function("get").call(), "the open instance keeps its code");

            functions.close();
            collect();
            assertArrayEquals(new long[] {47}, tables.function("callAt").call(0), "the holder's table keeps it");
            assertEquals(2, engine(runtime).arena().freeableBlockCount(), "both modules' code");

            tables.close();
            assertEquals(0, collectUntil(engine(runtime), 0), "both modules' code is gone");
        }
    }

    @Test
    void closingFromAnotherThreadNeverFreesWhatARunningCallUses() throws Exception {
        try (Runtime runtime = compilerRuntime()) {
            TestModule racy = stateful("racy");
            // 1,000 rounds of get: most of a call's time is in native code, reading the instance's state.
            racy.function("spin", sig("", "i32"), "loop call 0 local.get 1 i32.add local.set 1"
                    + " local.get 0 i32.const 1 i32.add local.tee 0 i32.const 1000 i32.lt_u br_if 0 end local.get 1",
                    ValueType.I32, ValueType.I32);
            var module = runtime.compile(racy.encode());
            java.util.Random random = new java.util.Random(7);
            for (int round = 0; round < 200; round++) {
                Instance instance = runtime.instantiate(module);
                CountDownLatch started = new CountDownLatch(1);
                AtomicLong wrong = new AtomicLong();
                AtomicReference<Throwable> unexpected = new AtomicReference<>();
                Thread caller = Thread.ofPlatform().start(() -> {
                    started.countDown();
                    try {
                        var spin = instance.function("spin");
                        for (int k = 0; k < 100_000; k++) {
                            if (spin.call()[0] != 47_000) {
                                wrong.incrementAndGet();
                            }
                        }
                    } catch (IllegalStateException closed) {
                        // the close won: refused, never a call on freed state
                    } catch (Throwable t) {
                        unexpected.set(t);
                    }
                });
                started.await();
                Thread.sleep(0, random.nextInt(1_000_000));
                instance.close();
                caller.join();
                assertEquals(0, wrong.get(), "a call returned something else than its instance's state");
                assertEquals(null, unexpected.get());
            }
            assertTrue(engine(runtime).contexts().lent() == 0);
        }
    }
}
