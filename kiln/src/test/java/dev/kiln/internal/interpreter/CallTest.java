package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls: to host functions and back (re-entry), between instances, and the call-depth limit,
 * which must end deep recursion in a trap and never in a Java {@link StackOverflowError}.
 */
@ParameterizedClass
@EnumSource(EngineKind.class)
class CallTest {

    @Parameter
    EngineKind engine;

    @Test
    void hostFunctionsGetArgumentsTheCallerAndReturnResults() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            AtomicReference<Instance> caller = new AtomicReference<>();
            rt.hostModule("env")
                    .function("divmod", sig("i64 i64", "i64 i64"), (instance, stack) -> {
                        caller.set(instance);
                        long a = stack[0];
                        long b = stack[1];
                        stack[0] = a / b;
                        stack[1] = a % b;
                    })
                    .instantiate();
            TestModule module = new TestModule().named("app");
            int divmod = module.importFunction("env", "divmod", sig("i64 i64", "i64 i64"));
            module.function("run", sig("i64", "i64 i64 i64"), "i64.const 9 local.get 0 i64.const 7 call " + divmod);
            Instance app = module.instantiate(rt);
            assertArrayEquals(new long[] {9, 3, 2}, app.function("run").call(23));
            assertSame(app, caller.get());
        }
    }

    /** The caller's view of its memory must follow a grow made by a callee of the same instance. */
    @Test
    void aCallerSeesTheMemoryItsCalleeGrew() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            TestModule module = new TestModule().memory(1, 3);
            int grow = module.function("grow", sig("", "i32"), "i32.const 2 memory.grow");
            module.function("growThenUseTheNewPages", sig("", "i32"),
                    "call " + grow + " drop i32.const 131072 i32.const 7 i32.store i32.const 131072 i32.load");
            Instance app = module.instantiate(rt);
            assertArrayEquals(new long[] {7}, app.function("growThenUseTheNewPages").call());
        }
    }

    @Test
    void hostExceptionsPropagateUnchangedAndTheNextCallWorks() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            IllegalStateException boom = new IllegalStateException("boom");
            rt.hostModule("env").function("fail", sig("i32", "i32"), (instance, stack) -> {
                if (stack[0] != 0) {
                    throw boom;
                }
                stack[0] = 5;
            }).instantiate();
            TestModule module = new TestModule();
            int fail = module.importFunction("env", "fail", sig("i32", "i32"));
            int viaHost = module.function("viaHost", sig("i32", "i32"), "local.get 0 call " + fail);
            module.function("nested", sig("i32", "i32"), "local.get 0 call " + viaHost + " i32.const 1 i32.add");
            Instance app = module.instantiate(rt);
            assertSame(boom, assertThrows(IllegalStateException.class, () -> app.function("nested").call(1)));
            assertArrayEquals(new long[] {6}, app.function("nested").call(0));
        }
    }

    /** fib(n) computed by Wasm that calls a host function that calls back into Wasm for n - 1. */
    @Test
    void hostToWasmReentry() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            AtomicReference<Instance> self = new AtomicReference<>();
            List<Integer> depths = new ArrayList<>();
            rt.hostModule("env").function("recurse", sig("i32", "i32"), (instance, stack) -> {
                depths.add((int) stack[0]);
                stack[0] = self.get().function("fib").call(stack[0] - 1)[0];
            }).instantiate();
            TestModule module = new TestModule();
            int recurse = module.importFunction("env", "recurse", sig("i32", "i32"));
            int fib = module.function("fib", sig("i32", "i32"),
                    "local.get 0 i32.const 2 i32.lt_u if i32 local.get 0 else local.get 0 call " + recurse
                            + " local.get 0 i32.const 2 i32.sub call 1 i32.add end");
            assertEquals(1, fib);
            self.set(module.instantiate(rt));
            assertArrayEquals(new long[] {55}, self.get().function("fib").call(10));
            assertEquals(88, depths.size());
        }
    }

    @Test
    void trapsInsideReentryReachTheOuterJavaCaller() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            AtomicReference<Instance> self = new AtomicReference<>();
            rt.hostModule("env").function("callBack", sig("", ""),
                    (instance, stack) -> self.get().function("crash").call()).instantiate();
            TestModule module = new TestModule();
            int callBack = module.importFunction("env", "callBack", sig("", ""));
            module.function("crash", sig("", ""), "unreachable");
            module.function("outer", sig("", "i32"), "call " + callBack + " i32.const 1");
            self.set(module.instantiate(rt));
            TrapException e = assertThrows(TrapException.class, () -> self.get().function("outer").call());
            assertEquals(TrapKind.UNREACHABLE, e.kind());
            assertEquals(List.of("crash", "outer"), e.wasmStackTrace().stream().map(f -> f.functionName()).toList());
        }
    }

    /** The callee instance grows its memory; the caller must see the new array when it calls back. */
    @Test
    void callsBetweenInstancesSwitchMemories() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            TestModule lib = new TestModule().named("lib").memory("memory", 1, -1);
            lib.function("poke", sig("i32 i32", ""), "local.get 0 local.get 1 i32.store");
            lib.function("peek", sig("i32", "i32"), "local.get 0 i32.load");
            lib.function("grow", sig("", "i32"), "i32.const 1 memory.grow");
            lib.instantiate(rt);
            TestModule app = new TestModule().memory("memory", 1, 1);
            int poke = app.importFunction("lib", "poke", sig("i32 i32", ""));
            int peek = app.importFunction("lib", "peek", sig("i32", "i32"));
            int grow = app.importFunction("lib", "grow", sig("", "i32"));
            app.function("run", sig("", "i32 i32"), "i32.const 8 i32.const 5 i32.store call " + grow
                    + " drop i32.const 65536 i32.const 77 call " + poke + " i32.const 65536 call " + peek
                    + " i32.const 8 i32.load");
            Instance instance = app.instantiate(rt);
            assertArrayEquals(new long[] {77, 5}, instance.function("run").call());
        }
    }

    private static TestModule recursion() {
        TestModule module = new TestModule();
        module.function("depth", sig("i32", "i32"),
                "local.get 0 if i32 local.get 0 i32.const 1 i32.sub call 0 i32.const 1 i32.add else i32.const 1 end");
        return module;
    }

    /**
     * The interpreter's own bounds: the call-depth limit here and the value stack's cap below.
     * Compiled code is bounded by its native stack instead (see {@link RuntimeConfig#maxCallDepth()};
     * the compiler's own deep-recursion tests are in {@code CompilerEngineTest}).
     */
    @Test
    void deepRecursionTrapsWithStackOverflowAndRecovers() {
        assumeTrue(engine == EngineKind.INTERPRETER, "the interpreter's own bound");
        try (Runtime rt = TestRuntimes.on(engine)) {
            Instance m = recursion().instantiate(rt);
            TrapException e = assertThrows(TrapException.class, () -> m.function("depth").call(200_000));
            assertEquals(TrapKind.STACK_OVERFLOW, e.kind());
            assertEquals(RuntimeConfig.DEFAULT_MAX_CALL_DEPTH, e.wasmStackTrace().size());
            assertArrayEquals(new long[] {50_001}, m.function("depth").call(50_000));
        }
    }

    @Test
    void callDepthLimitIsExact() {
        try (Runtime rt = Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.INTERPRETER).withMaxCallDepth(1000))) {
            Instance m = recursion().instantiate(rt);
            assertArrayEquals(new long[] {1000}, m.function("depth").call(999), "1000 frames deep");
            assertEquals(TrapKind.STACK_OVERFLOW,
                    assertThrows(TrapException.class, () -> m.function("depth").call(1000)).kind());
        }
    }

    /** 700 locals a frame: the value stack's cap is reached long before the call-depth limit. */
    @Test
    void valueStackIsBoundedToo() {
        assumeTrue(engine == EngineKind.INTERPRETER, "the interpreter's own bound");
        try (Runtime rt = TestRuntimes.on(engine)) {
            TestModule module = new TestModule();
            ValueType[] locals = new ValueType[700];
            java.util.Arrays.fill(locals, ValueType.I64);
            module.function("big", sig("i32", "i32"),
                    "local.get 0 if i32 local.get 0 i32.const 1 i32.sub call 0 else i32.const 1 end", locals);
            Instance m = module.instantiate(rt);
            TrapException e = assertThrows(TrapException.class, () -> m.function("big").call(90_000));
            assertEquals(TrapKind.STACK_OVERFLOW, e.kind());
            int depth = e.wasmStackTrace().size();
            assertTrue(depth < 90_000 && depth > CallStack.MAX_SLOTS / 800, "trapped at depth " + depth);
            assertArrayEquals(new long[] {1}, m.function("big").call(10));
        }
    }

    /** Each re-entry nests Java frames; the limit (or the Java stack) must end it in a trap. */
    @Test
    void unboundedHostReentryEndsInAStackOverflowTrap() {
        try (Runtime rt = TestRuntimes.on(engine)) {
            AtomicReference<Instance> self = new AtomicReference<>();
            rt.hostModule("env").function("again", sig("", ""),
                    (instance, stack) -> self.get().function("loop").call()).instantiate();
            TestModule module = new TestModule();
            int again = module.importFunction("env", "again", sig("", ""));
            module.function("loop", sig("", ""), "call " + again);
            module.function("ok", sig("", "i32"), "i32.const 1");
            self.set(module.instantiate(rt));
            TrapException e = assertThrows(TrapException.class, () -> self.get().function("loop").call());
            assertEquals(TrapKind.STACK_OVERFLOW, e.kind());
            assertArrayEquals(new long[] {1}, self.get().function("ok").call());
        }
    }
}
