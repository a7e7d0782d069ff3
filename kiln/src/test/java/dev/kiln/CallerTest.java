package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One rule for a host function's {@code caller}: the instance whose code made the call,
 * whichever way the call got there (an import, another instance's table, an imported function
 * of a third instance), and {@code null} when Java calls it directly; on every engine.
 */
class CallerTest {

    private final List<String> callers = new ArrayList<>();
    private Runtime runtime;

    private void start(EngineKind engine) {
        runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine));
        runtime.hostModule("env")
                .function("whoami", sig("", ""), (caller, stack) -> callers.add(caller == null ? "java" : caller.name()))
                .instantiate();
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** "a": calls whoami directly, and exports a table holding it and a function that calls it. */
    private Instance a() {
        TestModule a = new TestModule().named("a");
        int whoami = a.importFunction("env", "whoami", sig("", ""));
        a.functionTable(1, whoami).export("table", ExternalKind.TABLE, 0);
        a.function("direct", sig("", ""), "call " + whoami);
        a.export("reexported", ExternalKind.FUNCTION, whoami);
        a.function("indirect", sig("", ""), "i32.const 0 call_indirect " + a.type(sig("", "")) + " 0");
        return a.instantiate(runtime);
    }

    /** "b": calls whoami through a's table, and calls a's function that calls it. */
    private Instance b() {
        TestModule b = new TestModule().named("b").importTable("a", "table", ValueType.FUNCREF, 1, Limits.NO_MAX);
        int direct = b.importFunction("a", "direct", sig("", ""));
        b.function("throughTable", sig("", ""), "i32.const 0 call_indirect " + b.type(sig("", "")) + " 0");
        b.function("throughA", sig("", ""), "call " + direct);
        return b.instantiate(runtime);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void theCallerIsTheInstanceWhoseCodeMadeTheCall(EngineKind engine) {
        start(engine);
        Instance a = a();
        Instance b = b();
        a.function("direct").call();
        a.function("indirect").call();
        b.function("throughTable").call();
        b.function("throughA").call();
        assertEquals(List.of("a", "a", "b", "a"), callers,
                "a's own calls; b's call through a's table is b's; a's function called by b calls as a");
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void javaCallingAHostFunctionDirectlyHasNoCaller(EngineKind engine) {
        start(engine);
        runtime.instance("env").function("whoami").call();
        a().function("reexported").call();
        assertEquals(List.of("java", "java"), callers, "also when an instance re-exports it");
    }
}
