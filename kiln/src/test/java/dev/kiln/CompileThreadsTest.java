package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.Test;

/** {@link RuntimeConfig#withCompileThreads}: validated, and a module big enough to split compiles under any bound. */
class CompileThreadsTest {

    @Test
    void theDefaultIsEveryCoreAndTheBoundIsValidated() {
        assertEquals(java.lang.Runtime.getRuntime().availableProcessors(), RuntimeConfig.defaults().compileThreads());
        assertEquals(3, RuntimeConfig.defaults().withCompileThreads(3).compileThreads());
        assertTrue(RuntimeConfig.defaults().withCompileThreads(3).toString().contains("compileThreads=3"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.defaults().withCompileThreads(0));
        assertEquals("compileThreads must be at least 1, was 0", e.getMessage());
    }

    @Test
    void aModuleOfManyFunctionsCompilesOnOneThreadAndOnTwoOnBothEngines() {
        TestModule module = new TestModule();
        int functions = 500; // several chunks of work (chunks hold at least 64 functions)
        for (int k = 0; k < functions; k++) {
            module.function("f" + k, sig("i32", "i32"), "local.get 0 i32.const " + k + " i32.add");
        }
        byte[] wasm = module.encode();
        for (EngineKind engine : EngineKind.values()) {
            for (int threads : new int[] {1, 2}) {
                try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine).withCompileThreads(threads))) {
                    Instance instance = runtime.instantiate(runtime.compile(wasm), ModuleConfig.anonymous());
                    assertArrayEquals(new long[] {1_499}, instance.function("f499").call(1_000), engine + ", " + threads);
                }
            }
        }
    }
}
