package dev.kiln.internal.runtime;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.TrapException;
import dev.kiln.ValueType;
import dev.kiln.internal.interpreter.InterpreterEngine;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.TableType;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's per-instance state hears every step of instantiation in the order
 * {@link EngineInstance} promises, makes what the module defines, and is closed with the
 * instance, also when instantiation trapped.
 */
class EngineInstanceTest {

    private final Store store = new Store(65536, 1000);
    private final List<String> events = new ArrayList<>();

    @Test
    void itHearsEachStepInOrderAndIsClosedWithTheInstance() {
        ModuleInstance exporter = Instantiator.instantiate(store, module(new TestModule().memory("memory", 1, 1)),
                recording(), "owner", (m, n) -> null);
        events.clear();
        TestModule m = new TestModule().importMemory("owner", "memory", 1, 1);
        m.function("f", sig("", "i32"), "i32.const 1");
        m.functionTable(1, 0);
        m.global("g", ValueType.I32, true, "i32.const 3");
        ModuleInstance instance = Instantiator.instantiate(store, module(m), recording(), null,
                (module, name) -> exporter.exported(name));
        assertEquals(List.of("imports resolved: memory 0 imported", "functions", "table", "global 3", "instantiated"), events);
        assertSame(exporter.memories[0], instance.memories[0]);

        instance.close();
        instance.close();
        assertEquals("close", events.getLast());
        assertEquals(6, events.size(), "closed once");
    }

    @Test
    void anInstanceWhoseSegmentsTrappedIsClosedWithTheStore() {
        TestModule m = new TestModule().memory(1, 1).data(65535, new byte[] {1, 2});
        assertThrows(TrapException.class, () -> Instantiator.instantiate(store, module(m), recording(), null, (a, b) -> null));
        assertEquals(List.of("imports resolved: no memory imported", "functions", "memory"), events,
                "a trapped segment: never instantiated");
        store.close();
        assertEquals("close", events.getLast(), "the store closed the half-made instance's engine state");
    }

    private Module module(TestModule m) {
        return m.module();
    }

    /** The interpreter's engine, recording what it hears. */
    private EngineModule recording() {
        return instance -> {
            EngineInstance inner = new InterpreterEngine(store).compile(instance.module()).instantiate(instance);
            return new EngineInstance() {
                @Override
                public void importsResolved() {
                    boolean imported = instance.memories.length > 0 && instance.memories[0] != null;
                    events.add("imports resolved: " + (imported ? "memory 0 imported" : "no memory imported"));
                }

                @Override
                public FunctionInstance[] createFunctions() {
                    events.add("functions");
                    return inner.createFunctions();
                }

                @Override
                public TableInstance createTable(ModuleInstance owner, TableType type) {
                    events.add("table");
                    return EngineInstance.super.createTable(owner, type);
                }

                @Override
                public MemoryInstance createMemory(ModuleInstance owner, MemoryType type, long limitPages) {
                    events.add("memory");
                    return EngineInstance.super.createMemory(owner, type, limitPages);
                }

                @Override
                public GlobalInstance createGlobal(ModuleInstance owner, GlobalType type, long value, long high) {
                    events.add("global " + value);
                    return EngineInstance.super.createGlobal(owner, type, value, high);
                }

                @Override
                public void instantiated() {
                    events.add("instantiated");
                }

                @Override
                public void close() {
                    events.add("close");
                }
            };
        };
    }
}
