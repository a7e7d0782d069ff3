package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.TestModule;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Memory exhaustion and runaway loops end the same way on both engines, the interpreter being
 * the reference: a memory stops growing at the runtime's limit, and a loop that never ends is
 * stopped by the call timeout with an INTERRUPTED trap. (Deep recursion ending in STACK_OVERFLOW
 * is covered per engine by the interpreter's CallTest and CompilerEngineTest.)
 */
class ExhaustionOnBothEnginesTest {

    private static final int LIMIT_PAGES = 4;
    private static final int PAGE = 65536;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aMemoryStopsGrowingAtTheRuntimesLimitAndItsEndStaysGuarded(EngineKind engine) {
        TestModule module = new TestModule().memory(1, Limits.NO_MAX);
        module.function("grow", sig("i32", "i32"), "local.get 0 memory.grow");
        module.function("growAll", sig("", "i32"),
                "loop i32.const 1 memory.grow i32.const -1 i32.ne br_if 0 end memory.size");
        module.function("store", sig("i32 i32", ""), "local.get 0 local.get 1 i32.store");
        module.function("load", sig("i32", "i32"), "local.get 0 i32.load");
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine).withMemoryLimitPages(LIMIT_PAGES))) {
            Instance instance = module.instantiate(runtime);
            assertArrayEquals(new long[] {-1L & 0xFFFF_FFFFL}, instance.function("grow").call(65536), "far beyond the limit");
            assertArrayEquals(new long[] {LIMIT_PAGES}, instance.function("growAll").call(), "grown page by page up to the limit");
            int last = LIMIT_PAGES * PAGE - 4;
            instance.function("store").call(last, 0x1234_5678);
            assertArrayEquals(new long[] {0x1234_5678}, instance.function("load").call(last));
            TrapException trap = assertThrows(TrapException.class, () -> instance.function("load").call(last + 1));
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap.kind());
            assertEquals(LIMIT_PAGES * (long) PAGE, instance.memory().size(), "the memory as Java sees it");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aMemoryWhoseMinimumIsOverTheLimitIsRefusedAtInstantiation(EngineKind engine) {
        TestModule module = new TestModule().memory(LIMIT_PAGES + 1, Limits.NO_MAX);
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine).withMemoryLimitPages(LIMIT_PAGES))) {
            KilnException e = assertThrows(KilnException.class, () -> module.instantiate(runtime));
            assertTrue(e.getMessage().contains("the limit is " + LIMIT_PAGES + " pages"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRunawayLoopIsInterruptedByTheCallTimeoutAndTheInstanceRecovers(EngineKind engine) {
        TestModule module = new TestModule();
        module.function("spin", sig("", ""), "loop br 0 end");
        module.function("count", sig("i32", "i32"),
                "loop local.get 0 i32.const 1 i32.add local.tee 0 br 0 end unreachable");
        module.function("ok", sig("", "i32"), "i32.const 1");
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine).withCallTimeout(Duration.ofMillis(50)))) {
            Instance instance = module.instantiate(runtime);
            assertEquals(TrapKind.INTERRUPTED, assertThrows(TrapException.class, instance.function("spin")::call).kind());
            assertEquals(TrapKind.INTERRUPTED,
                    assertThrows(TrapException.class, () -> instance.function("count").call(0)).kind());
            assertArrayEquals(new long[] {1}, instance.function("ok").call());
        }
    }
}
