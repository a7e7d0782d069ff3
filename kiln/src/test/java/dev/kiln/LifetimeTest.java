package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

    @Test
    void aTableAndAGlobalLiveAsLongAsAnInstanceUsingThemIsOpen() {
        try (Runtime runtime = Runtime.create()) {
            TestModule owner = new TestModule().named("owner");
            int seven = owner.function("seven", sig("", "i32"), "i32.const 7");
            owner.functionTable(2, seven, -1).export("table", ExternalKind.TABLE, 0);
            owner.global("counter", ValueType.I32, true, "i32.const 5");
            Instance exporter = owner.instantiate(runtime);
            TestModule importer = new TestModule().importTable("owner", "table", ValueType.FUNCREF, 2, Limits.NO_MAX)
                    .importGlobal("owner", "counter", ValueType.I32, true);
            importer.function("callAt", sig("i32", "i32"), "local.get 0 call_indirect " + importer.type(sig("", "i32")) + " 0");
            importer.function("bump", sig("", "i32"), "global.get 0 i32.const 1 i32.add global.set 0 global.get 0");
            Instance user = importer.instantiate(runtime);
            Table table = exporter.table("table");
            Global counter = exporter.global("counter");

            exporter.close();
            assertArrayEquals(new long[] {7}, user.function("callAt").call(0), "the importer keeps the table alive");
            assertArrayEquals(new long[] {6}, user.function("bump").call(), "and the global");
            assertEquals(6, counter.get());
            assertEquals(2, table.size());

            user.close();
            assertEquals("the table is closed", assertThrows(IllegalStateException.class, table::size).getMessage());
            assertThrows(IllegalStateException.class, () -> table.get(0));
            assertThrows(IllegalStateException.class, () -> table.set(1, 0));
            assertEquals("the global is closed", assertThrows(IllegalStateException.class, counter::get).getMessage());
            assertThrows(IllegalStateException.class, () -> counter.set(1));
        }
    }

    @Test
    void aFunctionInAnotherInstancesTableOutlivesItsInstance() {
        try (Runtime runtime = Runtime.create()) {
            TestModule holder = new TestModule().named("holder");
            holder.table(ValueType.FUNCREF, 1, Limits.NO_MAX).export("table", ExternalKind.TABLE, 0);
            holder.function("callAt", sig("i32", "i32"), "local.get 0 call_indirect " + holder.type(sig("", "i32")) + " 0");
            Instance tables = holder.instantiate(runtime);
            TestModule definer = new TestModule().importTable("holder", "table", ValueType.FUNCREF, 1, Limits.NO_MAX);
            int nine = definer.function("nine", sig("", "i32"), "i32.const 9");
            definer.activeElements(0, nine); // an active segment into the imported table
            Instance functions = definer.instantiate(runtime);

            functions.close();
            assertArrayEquals(new long[] {9}, tables.function("callAt").call(0),
                    "the holder's table keeps the closed instance's function (and its native record) alive");
        }
    }

    @Test
    void instancesWhoseTablesHoldEachOthersFunctionsAreFreedWithTheLastOfThem() {
        Runtime runtime = Runtime.create();
        TestModule first = new TestModule().named("first");
        int one = first.function("one", sig("", "i32"), "i32.const 1");
        first.functionTable(2, one).export("table", ExternalKind.TABLE, 0);
        Instance a = first.instantiate(runtime);
        TestModule second = new TestModule();
        int imported = second.importFunction("first", "one", sig("", "i32"));
        second.functionTable(1, imported); // b's own table holds a's function
        int two = second.function("two", sig("", "i32"), "i32.const 2");
        second.function("refTwo", sig("", "funcref"), "ref.func " + two);
        Instance b = second.instantiate(runtime);
        Table table = a.table("table");
        table.set(1, b.function("refTwo").call()[0]); // and a's table holds b's
        a.close();
        assertEquals(2, table.size(), "b is open, and its table holds a's function");
        b.close();
        assertThrows(IllegalStateException.class, table::size, "only the cycle refers to them: freed");
        assertEquals(0, runtime.store().liveInstances());
        runtime.close();
    }

    /** "a": a memory holding 42 at 8, a global 5, and {@code get} returning their sum. */
    private static Instance stateful(Runtime runtime) {
        TestModule a = new TestModule().named("a").memory("memory", 1, 1);
        a.global("g", ValueType.I32, true, "i32.const 5");
        a.function("get", sig("", "i32"), "i32.const 8 i32.load global.get 0 i32.add");
        Instance instance = a.instantiate(runtime);
        instance.memory("memory").writeInt(8, 42);
        return instance;
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aFunctionImportedFromAClosedInstanceKeepsWhatItUsesAlive(EngineKind engine) {
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
            Instance a = stateful(runtime);
            Memory memory = a.memory("memory");
            TestModule b = new TestModule();
            int get = b.importFunction("a", "get", sig("", "i32"));
            b.function("f", sig("", "i32"), "call " + get);
            Instance importer = b.instantiate(runtime);

            a.close();
            for (int k = 0; k < 3; k++) { // what a freed module context or cell would be reused by
                TestModule other = new TestModule().memory("memory", 1, 1);
                other.global("g", ValueType.I32, true, "i32.const 7");
                other.instantiate(runtime);
            }
            assertArrayEquals(new long[] {47}, importer.function("f").call(),
                    "the importer keeps a's module context, memory and global alive");
            importer.close();
            assertThrows(IllegalStateException.class, () -> memory.readInt(8), "the last user closed");
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void anInstanceClosedDuringItsOwnCallIsFreedWhenTheCallReturns(EngineKind engine) {
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
            List<Memory> memories = new ArrayList<>();
            runtime.hostModule("env").function("closeCaller", sig("", ""), (caller, stack) -> {
                caller.close();
                assertEquals(42, memories.get(0).readInt(8), "still alive inside the call");
            }).instantiate();
            TestModule m = new TestModule().memory("memory", 1, 1);
            m.global("g", ValueType.I32, true, "i32.const 5");
            int close = m.importFunction("env", "closeCaller", sig("", ""));
            m.function("f", sig("", "i32"), "call " + close + " i32.const 8 i32.load global.get 0 i32.add");
            Instance instance = m.instantiate(runtime);
            Function f = instance.function("f");
            memories.add(instance.memory("memory"));
            memories.get(0).writeInt(8, 42);
            int live = runtime.store().liveInstances();

            assertArrayEquals(new long[] {47}, f.call(), "the call ends on the instance's state");
            assertEquals(live - 1, runtime.store().liveInstances(), "freed once the call returned");
            assertThrows(IllegalStateException.class, () -> memories.get(0).readInt(8));
            assertThrows(IllegalStateException.class, f::call);
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void aRuntimeRefusesToCloseUnderARunningCall(EngineKind engine) {
        Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine));
        List<RuntimeException> refused = new ArrayList<>();
        runtime.hostModule("env").function("closeRuntime", sig("", ""), (caller, stack) -> {
            try {
                runtime.close();
            } catch (IllegalStateException e) {
                refused.add(e);
            }
        }).instantiate();
        TestModule m = new TestModule().memory("memory", 1, 1);
        int close = m.importFunction("env", "closeRuntime", sig("", ""));
        m.function("f", sig("", "i32"), "call " + close + " i32.const 7");
        Instance instance = m.instantiate(runtime);

        assertArrayEquals(new long[] {7}, instance.function("f").call(), "the call ends normally");
        assertEquals("cannot close the runtime while a call into an instance runs; interrupt it and close after it returns",
                refused.get(0).getMessage());
        assertArrayEquals(new long[] {7}, instance.function("f").call(), "the runtime stayed open");
        runtime.close();
        assertThrows(IllegalStateException.class, () -> instance.function("f"));
    }
}
