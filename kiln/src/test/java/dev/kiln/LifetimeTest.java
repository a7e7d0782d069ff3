package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.testing.TestModule;
import org.junit.jupiter.api.Test;

/** What closing an instance or a runtime frees, and that using it afterwards is an exception. */
class LifetimeTest {

    @Test
    void aMemoryLivesAsLongAsAnInstanceUsingItIsOpen() {
        try (Runtime runtime = Runtime.create()) {
            Instance exporter = new TestModule().named("owner").memory("memory", 1, -1).instantiate(runtime);
            TestModule importer = new TestModule().importMemory("owner", "memory", 1, -1);
            importer.function("load", sig("i32", "i32"), "local.get 0 i32.load");
            Instance user = importer.instantiate(runtime);
            Memory memory = exporter.memory("memory");

            exporter.close();
            memory.writeInt(8, 42);
            assertArrayEquals(new long[] {42}, user.function("load").call(8), "the importer keeps the memory alive");

            user.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> memory.readInt(8));
            assertEquals("the memory is closed", closed.getMessage());
            assertThrows(IllegalStateException.class, () -> memory.grow(1));
            assertThrows(IllegalStateException.class, memory::size);
        }
    }

    @Test
    void aClosedInstanceRefusesUse() {
        try (Runtime runtime = Runtime.create()) {
            TestModule m = new TestModule().memory("memory", 1, 1);
            m.function("f", sig("", "i32"), "i32.const 1");
            Instance instance = m.instantiate(runtime);
            Function f = instance.function("f");
            instance.close();
            assertThrows(IllegalStateException.class, f::call);
            assertThrows(IllegalStateException.class, instance::memory);
            assertEquals(0, runtime.store().liveInstances());
        }
    }

    @Test
    void instancesWhoseInstantiationTrappedAreFreedWithTheRuntime() {
        Runtime runtime = Runtime.create();
        TestModule m = new TestModule().memory("memory", 1, 1);
        m.start(m.function("boom", sig("", ""), "unreachable"));
        assertThrows(TrapException.class, () -> m.instantiate(runtime));
        assertEquals(1, runtime.store().liveInstances(), "a trapped start keeps the instance until the runtime closes");
        runtime.close();
        assertEquals(0, runtime.store().liveInstances());
    }

    @Test
    void aFailedLinkFreesWhatWasAlreadyMade() {
        try (Runtime runtime = Runtime.create()) {
            Instance owner = new TestModule().named("owner").memory("memory", 1, -1).instantiate(runtime);
            Memory memory = owner.memory("memory");
            TestModule m = new TestModule().importMemory("owner", "memory", 1, -1);
            m.importFunction("owner", "missing", sig("", ""));
            assertThrows(LinkException.class, () -> m.instantiate(runtime));
            assertEquals(1, runtime.store().liveInstances(), "only the exporter is left");
            owner.close();
            assertThrows(IllegalStateException.class, memory::size, "the failed importer let go of the memory");
        }
    }
}
