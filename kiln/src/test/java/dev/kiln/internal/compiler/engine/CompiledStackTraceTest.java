package dev.kiln.internal.compiler.engine;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.Instance;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.WasmStackFrame;
import dev.kiln.testing.BothEngines;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compiled trap's Wasm stack trace is the interpreter's, byte offsets included: the failed
 * check's instruction in the innermost frame, the call in every caller, whether the trap is a
 * check in the code, a trap an exit raises, or a trap in a callee reached through a table.
 */
class CompiledStackTraceTest {

    private static BothEngines engines;
    private static Instance interpreted;
    private static Instance compiled;

    @BeforeAll
    static void build() {
        TestModule m = new TestModule().named("traces").memory("memory", 1, 1);
        int load = m.function("load", sig("i32", "i32"), "i32.const 7 drop local.get 0 i32.load offset=4");
        int twoChecks = m.function("twoChecks", sig("i32 i32", "i32"),
                "local.get 0 i32.load local.get 1 i32.load i32.add");
        int divide = m.function("divide", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.div_s");
        m.function("remainder", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.rem_u");
        m.function("truncate", sig("f32", "i32"), "local.get 0 i32.trunc_f32_s");
        int unreachable = m.function("unreachable", sig("i32", ""),
                "block local.get 0 br_if 0 unreachable end i32.const 1 drop unreachable");
        int answer = m.function("answer", sig("", "i32"), "i32.const 42");
        int other = m.function("other", sig("i64", "i64"), "local.get 0");
        m.functionTable(4, answer, -1, other, unreachable);
        m.function("indirect", sig("i32", "i32"), "local.get 0 call_indirect " + m.type(sig("", "i32")) + " 0");
        m.function("indirectTrap", sig("", ""), "i32.const 1 i32.const 3 call_indirect " + m.type(sig("i32", "")) + " 0");
        m.function("fill", sig("i32", ""), "local.get 0 i32.const 0 i32.const 16 memory.fill");
        m.function("copy", sig("i32", ""), "i32.const 0 local.get 0 i32.const 16 memory.copy 0 0");
        m.function("tableGet", sig("i32", "i32"), "local.get 0 table.get 0 ref.is_null");
        int middle = m.function("middle", sig("i32 i32", "i32"),
                "local.get 0 call " + load + " local.get 1 local.get 1 call " + twoChecks + " i32.add");
        m.function("outer", sig("i32 i32", "i32"),
                "i32.const 1 i32.const 1 call " + divide + " drop local.get 0 local.get 1 call " + middle);
        engines = new BothEngines(m);
        interpreted = engines.interpreted();
        compiled = engines.compiled();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @ParameterizedTest(name = "{0}({1}, {2})")
    @CsvSource({
        "outer, 65532, 0, MEMORY_OUT_OF_BOUNDS, 3",
        "outer, 0, 65533, MEMORY_OUT_OF_BOUNDS, 3",
        "twoChecks, 0, 65533, MEMORY_OUT_OF_BOUNDS, 1",
        "twoChecks, 65533, 0, MEMORY_OUT_OF_BOUNDS, 1",
        "divide, 1, 0, INTEGER_DIVIDE_BY_ZERO, 1",
        "divide, -2147483648, -1, INTEGER_OVERFLOW, 1",
        "remainder, 1, 0, INTEGER_DIVIDE_BY_ZERO, 1",
        "unreachable, 0, , UNREACHABLE, 1",
        "unreachable, 1, , UNREACHABLE, 1",
        "indirect, 1, , UNINITIALIZED_ELEMENT, 1",
        "indirect, 2, , INDIRECT_CALL_TYPE_MISMATCH, 1",
        "indirect, 9, , UNDEFINED_ELEMENT, 1",
        "indirectTrap, , , UNREACHABLE, 2",
        "fill, 65530, , MEMORY_OUT_OF_BOUNDS, 1",
        "copy, 65530, , MEMORY_OUT_OF_BOUNDS, 1",
        "tableGet, 4, , TABLE_OUT_OF_BOUNDS, 1",
    })
    void aCompiledTraceIsTheInterpreters(String function, String a, String b, TrapKind kind, int depth) {
        List<WasmStackFrame> expected = trace(interpreted, function, kind, a, b);
        List<WasmStackFrame> actual = trace(compiled, function, kind, a, b);
        assertEquals(depth, expected.size(), "the interpreter's trace " + expected);
        expected.forEach(f -> assertTrue(f.byteOffset() > 0, "the interpreter gives " + f + " an offset"));
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @CsvSource({"1e10", "nan"})
    void aConversionTrapIsAtTheConversion(String value) {
        float f = Float.parseFloat(value.equals("nan") ? "NaN" : value);
        long bits = Float.floatToRawIntBits(f) & 0xffff_ffffL;
        TrapException i = assertThrows(TrapException.class, () -> interpreted.function("truncate").call(bits));
        TrapException c = assertThrows(TrapException.class, () -> compiled.function("truncate").call(bits));
        assertEquals(i.kind(), c.kind());
        assertEquals(i.wasmStackTrace(), c.wasmStackTrace());
        assertTrue(c.describe().contains("traces.truncate (func 4) @0x"), c.describe());
    }

    private static List<WasmStackFrame> trace(Instance instance, String function, TrapKind kind, String... args) {
        long[] values = java.util.Arrays.stream(args).filter(s -> s != null && !s.isBlank())
                .mapToLong(s -> Integer.parseInt(s.trim()) & 0xffff_ffffL).toArray();
        TrapException e = assertThrows(TrapException.class, () -> instance.function(function).call(values));
        assertEquals(kind, e.kind(), e.describe());
        return e.wasmStackTrace();
    }
}
