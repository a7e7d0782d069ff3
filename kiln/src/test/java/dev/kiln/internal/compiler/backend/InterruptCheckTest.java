package dev.kiln.internal.compiler.backend;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.Test;

/**
 * Compiled code stops when the interrupt flag is raised from another thread — in a loop that
 * never ends, and in a loop that keeps calling a function — with an {@code INTERRUPTED} trap,
 * and the next call runs normally.
 */
class InterruptCheckTest {

    @Test
    void runawayLoopsStopAndTheNextCallRuns() throws Exception {
        TestModule module = new TestModule();
        module.function("spin", sig("", ""), "loop br 0 end");
        module.function("leaf", sig("i32", "i32"), "local.get 0 i32.const 1 i32.add");
        module.function("callLoop", sig("", ""), "loop i32.const 1 call 1 drop br 0 end");
        try (NativeModule compiled = new NativeModule(module.module(), f -> { }, SpillEverywhere::allocate)) {
            for (String runaway : new String[] {"spin", "callLoop"}) {
                Thread interrupter = Thread.ofPlatform().start(() -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    compiled.interrupt();
                });
                TrapException trap = assertThrows(TrapException.class, () -> compiled.call(runaway));
                interrupter.join();
                assertEquals(TrapKind.INTERRUPTED, trap.kind(), runaway);
                assertArrayEquals(new long[] {42}, compiled.call("leaf", 41), "after " + runaway);
            }
        }
    }
}
