package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Function references that come from Java are checked where they enter WebAssembly: a forged
 * value, a stale one, or one of another runtime is refused with a clear exception wherever Java
 * hands it over (table, global, argument, host result), so none can become a call target.
 */
class ForeignReferenceTest {

    private static final long FORGED = 0x1234_5678_9ABCL;

    /** A module with a funcref table, a mutable funcref global, and functions to reach them. */
    private static Instance holder(Runtime runtime) {
        TestModule m = new TestModule();
        int answer = m.function("answer", sig("", "i32"), "i32.const 42");
        m.table(ValueType.FUNCREF, 1, Limits.NO_MAX).export("table", ExternalKind.TABLE, 0);
        m.global("slot", ValueType.FUNCREF, true, "ref.null funcref");
        m.function("ref", sig("", "funcref"), "ref.func " + answer);
        m.function("store", sig("funcref", ""), "i32.const 0 local.get 0 table.set 0");
        m.function("callFirst", sig("", "i32"), "i32.const 0 call_indirect " + m.type(sig("", "i32")) + " 0");
        return m.instantiate(runtime);
    }

    @Test
    void theSameSlotInTwoRuntimesHasDifferentIds() {
        try (Runtime one = Runtime.create(); Runtime two = Runtime.create()) {
            long first = holder(one).function("ref").call()[0];
            long second = holder(two).function("ref").call()[0];
            assertEquals(first & 0xFFFF_FFFFL, second & 0xFFFF_FFFFL, "both are slot 1 of their registry");
            assertNotEquals(first, second);
        }
    }

    @Test
    void anotherRuntimesReferenceIsRefusedEverywhere() {
        try (Runtime one = Runtime.create(); Runtime two = Runtime.create()) {
            long foreign = holder(one).function("ref").call()[0];
            Instance mine = holder(two);
            long own = mine.function("ref").call()[0];
            assertEquals(own & 0xFFFF_FFFFL, foreign & 0xFFFF_FFFFL, "the foreign id names an occupied slot here");
            assertRefused(foreign, () -> mine.table("table").set(0, foreign));
            assertRefused(foreign, () -> mine.global("slot").set(foreign));
            assertRefused(foreign, () -> mine.function("store").call(foreign));
            assertRefused(foreign, () -> mine.function("store").callWithStack(new long[] {foreign}));
            assertEquals(0, mine.table("table").get(0), "nothing was stored");
            assertEquals(0, mine.global("slot").get());
        }
    }

    @Test
    void forgedReferencesAreRefusedEverywhere() {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = holder(runtime);
            assertRefused(FORGED, () -> instance.table("table").set(0, FORGED));
            assertRefused(FORGED, () -> instance.global("slot").set(FORGED));
            assertRefused(FORGED, () -> instance.function("store").call(FORGED));
            assertRefused(FORGED, () -> instance.table("table").grow(1, FORGED));
        }
    }

    @Test
    void aHostFunctionCannotReturnAForgedReference() {
        try (Runtime runtime = Runtime.create()) {
            runtime.hostModule("env").function("make", sig("", "funcref"), (caller, stack) -> stack[0] = FORGED).instantiate();
            TestModule m = new TestModule();
            int make = m.importFunction("env", "make", sig("", "funcref"));
            m.table(ValueType.FUNCREF, 1, Limits.NO_MAX);
            m.function("plant", sig("", ""), "i32.const 0 call " + make + " table.set 0");
            Instance instance = m.instantiate(runtime);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, instance.function("plant")::call);
            assertTrue(refused.getMessage().startsWith("env.make, result slot 0: not a function reference of this runtime"),
                    refused.getMessage());
        }
    }

    @Test
    void aGenuineReferenceGoesThroughJavaAndBack() {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = holder(runtime);
            long reference = instance.function("ref").call()[0];
            instance.function("store").call(reference);
            assertEquals(reference, instance.table("table").get(0), "the same id came back");
            assertArrayEquals(new long[] {42}, instance.function("callFirst").call());
            instance.global("slot").set(reference);
            assertEquals(reference, instance.global("slot").get());
        }
    }

    private static void assertRefused(long reference, Executable use) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, use);
        assertTrue(refused.getMessage().endsWith("not a function reference of this runtime: " + reference),
                refused.getMessage());
    }
}
