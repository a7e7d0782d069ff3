package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.WasmStackFrame;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Traps: their kinds, their WebAssembly stack traces, and that the next call works. */
@ParameterizedClass
@EnumSource(EngineKind.class)
class TrapTest {

    @Parameter
    EngineKind engine;

    private static Runtime runtime;
    private static Instance m;
    private static int inner;
    private static int outer;

    @BeforeParameterizedClassInvocation
    static void build(EngineKind engine) {
        TestModule module = new TestModule().named("traps").memory("memory", 1, 1);
        inner = module.function("inner", sig("i32", "i32"), "local.get 0 i32.load offset=4");
        int middle = module.function("middle", sig("i32", "i32"), "i32.const 1 local.get 0 call " + inner + " i32.add");
        outer = module.function("outer", sig("i32", "i32"), "local.get 0 call " + middle);
        module.function("unreachable", sig("", ""), "unreachable");
        int answer = module.function("answer", sig("", "i32"), "i32.const 42");
        int other = module.function("otherType", sig("i64", "i64"), "local.get 0");
        module.functionTable(4, answer, -1, other);
        module.function("callIndirect", sig("i32", "i32"), "local.get 0 call_indirect " + module.type(sig("", "i32")) + " 0");
        module.function("store", sig("i32 i64", ""), "local.get 0 local.get 1 i64.store offset=0xFFFFFFFF");
        module.function("grow", sig("i32", "i32"), "local.get 0 memory.grow");
        runtime = TestRuntimes.on(engine);
        m = module.instantiate(runtime);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        runtime.close();
    }

    private static TrapException trap(String name, long... args) {
        return assertThrows(TrapException.class, () -> m.function(name).call(args));
    }

    @Test
    void stackTraceListsWasmFramesInnermostFirstWithNames() {
        TrapException e = trap("outer", 65532);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, e.kind());
        List<WasmStackFrame> frames = e.wasmStackTrace();
        assertEquals(List.of("inner", "middle", "outer"), frames.stream().map(WasmStackFrame::functionName).toList());
        assertEquals(List.of(inner, inner + 1, outer), frames.stream().map(WasmStackFrame::functionIndex).toList());
        frames.forEach(f -> assertEquals("traps", f.moduleName()));
    }

    @Test
    void stackTraceFramesCarryTheirInstructionsByteOffsets() {
        TrapException e = trap("outer", 65532);
        List<WasmStackFrame> frames = e.wasmStackTrace();
        frames.forEach(f -> assertTrue(f.byteOffset() > 0, "byte offset of " + f));
        assertTrue(frames.get(0).byteOffset() < frames.get(1).byteOffset(), "inner is defined before middle");
        assertTrue(e.describe().contains("traps.inner (func 0) @0x"), e.describe());
    }

    @Test
    void trapsLeaveTheInterpreterUsable() {
        trap("outer", 65533);
        assertArrayEquals(new long[] {1}, m.function("outer").call(0));
        assertEquals(TrapKind.UNREACHABLE, trap("unreachable").kind());
        assertEquals(1, trap("unreachable").wasmStackTrace().size());
        assertArrayEquals(new long[] {1}, m.function("outer").call(100));
    }

    @Test
    void effectiveAddressesAreComputedIn64Bits() {
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap("store", 1, 7).kind(), "1 + 0xFFFFFFFF wraps in 32 bits");
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap("inner", 0xFFFFFFFFL).kind());
        assertArrayEquals(new long[] {0}, m.function("inner").call(65532 - 4));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap("inner", 65532 - 3).kind());
    }

    @Test
    void memoryGrowFailsBeyondTheMaximum() {
        assertArrayEquals(new long[] {0xFFFFFFFFL}, m.function("grow").call(1));
        assertArrayEquals(new long[] {1}, m.function("grow").call(0));
    }

    @Test
    void callIndirectChecksBoundsNullAndType() {
        assertArrayEquals(new long[] {42}, m.function("callIndirect").call(0));
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, trap("callIndirect", 1).kind());
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap("callIndirect", 2).kind());
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, trap("callIndirect", 3).kind());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap("callIndirect", 4).kind());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap("callIndirect", 0xFFFFFFFFL).kind());
    }
}
