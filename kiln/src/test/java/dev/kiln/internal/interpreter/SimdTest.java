package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Instance;
import dev.kiln.KilnException;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import org.junit.jupiter.api.Test;

/** v128 values travel through locals, blocks, globals and calls; SIMD instructions say they cannot run yet. */
class SimdTest {

    @Test
    void v128ValuesMoveThroughLocalsBlocksGlobalsAndCalls() {
        try (Runtime rt = TestRuntimes.interpreter()) {
            TestModule module = new TestModule();
            module.global("g", ValueType.V128, true, "v128.const");
            int id = module.function("id", sig("v128", "v128"), "local.get 0");
            module.function("roundTrip", sig("i32 v128", "v128 i32"),
                    "local.get 1 local.set 2 local.get 2 block type=" + module.type(sig("v128", "v128"))
                            + " call " + id + " end global.set 0 global.get 0 local.get 0 local.tee 0",
                    ValueType.V128);
            Instance m = module.instantiate(rt);
            assertArrayEquals(new long[] {0x1111, 0x2222, 9}, m.function("roundTrip").call(9, 0x1111, 0x2222));
            assertEquals(0x2222, m.global("g").getHigh());
        }
    }

    @Test
    void simdInstructionsThrowWhenRunNotWhenLoaded() {
        try (Runtime rt = TestRuntimes.interpreter()) {
            TestModule module = new TestModule();
            module.function("add", sig("v128 v128", "v128"), "local.get 0 local.get 1 i32x4.add");
            module.function("plain", sig("i32", "i32"), "local.get 0 i32.const 1 i32.add");
            Instance m = module.instantiate(rt);
            assertArrayEquals(new long[] {2}, m.function("plain").call(1));
            KilnException e = assertThrows(KilnException.class, () -> m.function("add").call(1, 2, 3, 4));
            assertEquals(KilnException.class, e.getClass(), "not a trap: " + e);
            assertEquals("SIMD instruction i32x4.add is not supported by the interpreter yet", e.getMessage());
            assertArrayEquals(new long[] {3}, m.function("plain").call(2));
        }
    }
}
