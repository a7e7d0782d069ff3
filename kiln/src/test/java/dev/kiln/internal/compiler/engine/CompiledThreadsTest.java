package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.CompiledModule;
import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.RuntimeInternals;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.ManyThreads;
import dev.kiln.testing.TestModule;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Threads calling one compiled module's instances at once: host calls from a grown native
 * stack, traps unwinding from deep in it, and every execution context given back afterwards.
 */
class CompiledThreadsTest {

    /** Frames of {@code sum} at this depth need far more than a context's first stack. */
    private static final int DEEP = 100_000;

    @Test
    void fourPlatformThreadsRecurseDeeplyCallTheHostAndTrap() throws InterruptedException {
        try (Runtime runtime = compilerRuntime()) {
            AtomicLong hostCalls = hostModule(runtime);
            CompiledModule module = runtime.compile(module().encode());
            ManyThreads.run(0, 4, thread -> {
                try (Instance instance = runtime.instantiate(module)) {
                    for (int round = 0; round < 10; round++) {
                        long depth = DEEP - 1000L * round - thread;
                        callEverything(instance, depth, thread);
                    }
                }
            });
            assertEquals(4L * 10 * 2, hostCalls.get(), "every host call ran");
            assertNoContextHeld(runtime);
        }
    }

    @Test
    void aThousandVirtualAndFourPlatformThreadsCallCompiledCode() throws InterruptedException {
        try (Runtime runtime = compilerRuntime()) {
            AtomicLong hostCalls = hostModule(runtime);
            CompiledModule module = runtime.compile(module().encode());
            ManyThreads.run(1000, 4, seed -> {
                try (Instance instance = runtime.instantiate(module)) {
                    callEverything(instance, 1000 + seed % 4000, seed);
                }
            });
            assertEquals(1004L * 2, hostCalls.get(), "every host call ran");
            assertNoContextHeld(runtime);
        }
    }

    /**
     * {@code sum(n)}: {@code n + ... + 1}, plus the host's triple of 7 at the bottom;
     * {@code viaHost(x)}: {@code 3x + 1}; {@code deepTrap(n)}: unreachable {@code n} calls down.
     */
    private static TestModule module() {
        TestModule module = new TestModule();
        int triple = module.importFunction("env", "triple", sig("i64", "i64"));
        module.function("sum", sig("i64", "i64"),
                "local.get 0 i64.eqz if i64 i64.const 7 call " + triple
                        + " else local.get 0 local.get 0 i64.const 1 i64.sub call 1 i64.add end");
        module.function("viaHost", sig("i64", "i64"), "local.get 0 call " + triple + " i64.const 1 i64.add");
        module.function("deepTrap", sig("i64", ""),
                "local.get 0 i64.eqz if unreachable end local.get 0 i64.const 1 i64.sub call 3");
        return module;
    }

    private static void callEverything(Instance instance, long depth, int seed) {
        assertArrayEquals(new long[] {depth * (depth + 1) / 2 + 21}, instance.function("sum").call(depth), "sum " + depth);
        assertArrayEquals(new long[] {3L * seed + 1}, instance.function("viaHost").call(seed));
        TrapException trap = assertThrows(TrapException.class, () -> instance.function("deepTrap").call(depth));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
    }

    private static AtomicLong hostModule(Runtime runtime) {
        AtomicLong calls = new AtomicLong();
        runtime.hostModule("env").function("triple", sig("i64", "i64"), (caller, stack) -> {
            calls.incrementAndGet();
            stack[0] *= 3;
        }).instantiate();
        return calls;
    }

    private static void assertNoContextHeld(Runtime runtime) {
        CompilerEngine engine = (CompilerEngine) RuntimeInternals.engine(runtime);
        assertEquals(0, engine.contexts().lent(), "no execution context is held once the calls are over");
    }

    private static Runtime compilerRuntime() {
        return Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.COMPILER));
    }
}
