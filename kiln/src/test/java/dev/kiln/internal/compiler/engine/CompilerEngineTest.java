package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompiledModule;
import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.ManyThreads;
import dev.kiln.testing.TestModule;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the compiler engine guarantees beyond the spec suite: deep recursion and unbounded host
 * re-entry end in a stack-overflow trap and leave the instance usable; a module it cannot compile
 * runs on the interpreter, sharing memories, tables, globals and calls with compiled instances
 * both ways; one compiled module runs on many threads at once.
 */
class CompilerEngineTest {

    private static Runtime compilerRuntime() {
        return Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.COMPILER));
    }

    @Test
    void deepRecursionTrapsWithStackOverflowAndTheInstanceRecovers() {
        try (Runtime runtime = compilerRuntime()) {
            TestModule m = new TestModule();
            m.function("down", sig("i64", "i64"),
                    "local.get 0 i64.eqz if i64.const 0 return end local.get 0 i64.const 1 i64.sub call 0 i64.const 1 i64.add");
            Instance instance = m.instantiate(runtime);
            TrapException trap = assertThrows(TrapException.class, () -> instance.function("down").call(100_000_000L));
            assertEquals(TrapKind.STACK_OVERFLOW, trap.kind());
            assertArrayEquals(new long[] {100_000}, instance.function("down").call(100_000L), "the stack grows for it");
        }
    }

    @Test
    void unboundedHostReentryEndsInAStackOverflowTrap() {
        try (Runtime runtime = compilerRuntime()) {
            AtomicReference<Instance> self = new AtomicReference<>();
            runtime.hostModule("env").function("again", sig("", ""),
                    (caller, stack) -> self.get().function("loop").call()).instantiate();
            TestModule module = new TestModule();
            int again = module.importFunction("env", "again", sig("", ""));
            module.function("loop", sig("", ""), "call " + again);
            module.function("ok", sig("", "i32"), "i32.const 1");
            self.set(module.instantiate(runtime));
            TrapException e = assertThrows(TrapException.class, () -> self.get().function("loop").call());
            assertEquals(TrapKind.STACK_OVERFLOW, e.kind());
            assertArrayEquals(new long[] {1}, self.get().function("ok").call());
        }
    }

    /**
     * "lib" has a function using v128, so the whole module runs on the interpreter; "app" is
     * compiled and imports lib's memory, table, global and functions, and lib calls back into app
     * through the table.
     */
    @Test
    void compiledAndInterpretedInstancesShareStateAndCallEachOther() {
        try (Runtime runtime = compilerRuntime()) {
            TestModule lib = new TestModule().named("lib").memory("memory", 1, 2);
            lib.table(ValueType.FUNCREF, 2, 2).export("table", ExternalKind.TABLE, 0);
            lib.global("counter", ValueType.I32, true, "i32.const 0");
            lib.function("vector", sig("", "i32"), "i32.const 7 i32x4.splat i32x4.extract_lane 0"); // never called
            lib.function("seven", sig("", "i32"), "i32.const 7");
            lib.function("callSlot0", sig("i32", "i32"), "local.get 0 i32.const 0 call_indirect " + lib.type(sig("i32", "i32")) + " 0");
            lib.instantiate(runtime);

            TestModule app = new TestModule().named("app").importMemory("lib", "memory", 1, 2)
                    .importTable("lib", "table", ValueType.FUNCREF, 2, Limits.NO_MAX)
                    .importGlobal("lib", "counter", ValueType.I32, true);
            int seven = app.importFunction("lib", "seven", sig("", "i32"));
            int callSlot0 = app.importFunction("lib", "callSlot0", sig("i32", "i32"));
            int triple = app.function("triple", sig("i32", "i32"), "local.get 0 i32.const 3 i32.mul");
            app.activeElements(0, triple);
            app.function("run", sig("", "i32"),
                    "i32.const 100 i32.const 1234 i32.store call " + seven + " global.set 0 i32.const 5 call " + callSlot0
                            + " global.get 0 i32.add i32.const 100 i32.load i32.add");
            Instance compiled = app.instantiate(runtime);
            // 7 (interpreted, via the imported global) + 15 (app's triple through lib's table) + 1234
            assertArrayEquals(new long[] {7 + 15 + 1234}, compiled.function("run").call());
            assertEquals(1234, runtime.instance("lib").memory().readInt(100), "the memory is one");
        }
    }

    @Test
    void oneCompiledModuleRunsOnManyThreadsAtOnce() throws InterruptedException {
        try (Runtime runtime = compilerRuntime()) {
            AtomicLong hostCalls = new AtomicLong();
            runtime.hostModule("env").function("tick", sig("i32", "i32"), (caller, stack) -> {
                hostCalls.incrementAndGet();
                stack[0] = stack[0] + 1;
            }).instantiate();
            TestModule m = new TestModule().memory(1, 1);
            int tick = m.importFunction("env", "tick", sig("i32", "i32"));
            m.function("work", sig("i32", "i32"),
                    "local.get 0 i32.eqz if i32.const 0 return end local.get 0 i32.const 1 i32.sub call 1 call " + tick);
            m.function("boom", sig("i32", "i32"), "local.get 0 local.get 0 i32.div_u");
            CompiledModule module = runtime.compile(m.encode());
            ManyThreads.run(0, 4, thread -> {
                try (Instance instance = runtime.instantiate(module)) {
                    for (int round = 0; round < 20; round++) {
                        assertArrayEquals(new long[] {5000}, instance.function("work").call(5000), "deep enough to grow the stack");
                        TrapException trap = assertThrows(TrapException.class, () -> instance.function("boom").call(0));
                        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap.kind());
                    }
                }
            });
            assertTrue(hostCalls.get() == 4L * 20 * 5000, "every host call ran: " + hostCalls.get());
        }
    }
}
