package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Instance;
import dev.kiln.TrapException;
import dev.kiln.testing.BothEngines;
import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Blocks the compiler versions ({@code CheckVersioning}: a fast copy without bounds checks behind
 * one check for them all) behave as the interpreter does where it matters: an unrolled copy that
 * runs off the end of memory traps at the same access with the same bytes written before it, and
 * with the same stack trace; addresses that wrap around 2^32 take the checked version.
 */
class VersionedChecksTest {

    private static BothEngines engines;
    private static Instance interpreted;
    private static Instance compiled;

    /**
     * {@code d[k] = s[k]} for k = 0..3, then both pointers 4 up ({@code i32.add}) or down
     * ({@code i32.sub}), n / 4 times: the unrolled loops of memmove.
     */
    private static String unrolledCopy(String step) {
        StringBuilder body = new StringBuilder("loop");
        for (int k = 0; k < 4; k++) {
            String offset = k == 0 ? "" : " i32.const " + k + " i32.add";
            body.append(" local.get 0").append(offset).append(" local.get 1").append(offset).append(" i32.load8_u i32.store8");
        }
        body.append(" local.get 0 i32.const 4 ").append(step).append(" local.set 0")
                .append(" local.get 1 i32.const 4 ").append(step).append(" local.set 1")
                .append(" local.get 2 i32.const 4 i32.sub local.tee 2 br_if 0 end");
        return body.toString();
    }

    @BeforeAll
    static void build() {
        TestModule m = new TestModule().named("versioned").memory("memory", 1, 1);
        m.function("copy", sig("i32 i32 i32", ""), unrolledCopy("i32.add"));
        m.function("copyDown", sig("i32 i32 i32", ""), unrolledCopy("i32.sub"));
        // d's four stores make the block versioned; s + 1 is checked alone, so no head covers s:
        // its add must stay an i32 add (s = -1 reads byte 0) in the fast copy too
        StringBuilder spread = new StringBuilder("local.get 1 i32.const 1 i32.add i32.load8_u local.set 2");
        for (int k = 0; k < 4; k++) {
            spread.append(" local.get 0").append(k == 0 ? "" : " i32.const " + k + " i32.add").append(" local.get 2 i32.store8");
        }
        m.function("spread", sig("i32 i32 i32", ""), "loop " + spread + " end");
        engines = new BothEngines(m);
        interpreted = engines.interpreted();
        compiled = engines.compiled();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    private static byte[] run(Instance instance, String function, int d, int s, int n, boolean traps) {
        var memory = instance.memory("memory");
        byte[] pattern = new byte[65536];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 7 + 1);
        }
        memory.write(0, pattern);
        if (traps) {
            TrapException trap = assertThrows(TrapException.class, () -> instance.function(function).call(d, s, n));
            lastTrace = trap.wasmStackTrace().toString();
        } else {
            instance.function(function).call(d, s, n);
        }
        return memory.read(0, 65536);
    }

    private static String lastTrace;

    @ParameterizedTest(name = "{0}(d={1}, s={2}, n={3})")
    @CsvSource({
        "copy, 1000, 0, 4096, false",
        "copy, 65528, 0, 16, true",          // the stores run off the end in the second round
        "copy, 0, 65530, 16, true",          // the loads do
        "copy, -2, 100, 8, true",            // d + k wraps around 2^32: d itself is out of bounds
        "copy, 100, -1, 8, true",            // s + 1 wraps to 0, but s is out of bounds first
        "spread, 1000, -1, 0, false",         // s + 1 wraps to 0: a load of byte 0
        "copyDown, 60000, 50000, 4096, false",
        "copyDown, 4, 100, 16, true",        // d - 4 - 4 wraps: d + 0 is out of bounds, d + 1 is 0
    })
    void theCompilerAgreesWithTheInterpreter(String function, int d, int s, int n, boolean traps) {
        byte[] expected = run(interpreted, function, d, s, n, traps);
        String expectedTrace = lastTrace;
        byte[] actual = run(compiled, function, d, s, n, traps);
        assertArrayEquals(expected, actual, "memory after the call");
        if (traps) {
            assertEquals(expectedTrace, lastTrace, "the trap's stack trace");
        }
    }
}
