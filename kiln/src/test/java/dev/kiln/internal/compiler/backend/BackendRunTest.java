package dev.kiln.internal.compiler.backend;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Integer code through the whole backend — frontend, lowering, allocation, emission, linking —
 * run natively and compared with the interpreter, the semantic reference: the same results, or
 * the same trap. Allocation is {@link SpillEverywhere}, so what this tests is the lowering and
 * the emitter alone.
 */
class BackendRunTest {

    private static final Consumer<MachineFunction> ALLOCATOR = SpillEverywhere::allocate;

    /** One exported function and the arguments it is called with. */
    record Case(String name, String params, String results, String body, ValueType[] locals, long[][] calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("add", "i32 i32", "i32", "local.get 0 local.get 1 i32.add", new ValueType[0],
                    new long[][] {{1, 2}, {0xffff_ffffL, 1}, {0x7fff_ffff, 0x7fff_ffff}}),
            new Case("arith64", "i64 i64", "i64",
                    "local.get 0 local.get 1 i64.mul local.get 0 i64.sub local.get 1 i64.xor i64.const 12345678901 i64.add",
                    new ValueType[0], new long[][] {{3, 4}, {-1, Long.MIN_VALUE}, {0, 0}}),
            new Case("shifts", "i32 i32", "i32",
                    "local.get 0 local.get 1 i32.shl local.get 0 local.get 1 i32.shr_s i32.xor local.get 0 local.get 1 i32.rotr"
                            + " i32.add local.get 0 local.get 1 i32.shr_u i32.or",
                    new ValueType[0], new long[][] {{0x8000_0001L, 1}, {12345, 33}, {0xdead_beefL, 31}}),
            new Case("compare", "i64 i64", "i32",
                    "local.get 0 local.get 1 i64.lt_s local.get 0 local.get 1 i64.lt_u i32.const 2 i32.mul i32.add"
                            + " local.get 0 i64.const 7 i64.ge_s i32.const 4 i32.mul i32.add",
                    new ValueType[0], new long[][] {{-1, 1}, {1, -1}, {7, 7}, {8, 100}}),
            new Case("select", "i32 i32 i32", "i32", "local.get 0 local.get 1 local.get 2 i32.const 10 i32.gt_u select",
                    new ValueType[0], new long[][] {{1, 2, 11}, {1, 2, 10}, {5, 6, 0}}),
            new Case("sumLoop", "i64", "i64",
                    "block loop local.get 0 i64.eqz br_if 1 local.get 1 local.get 0 i64.add local.set 1"
                            + " local.get 0 i64.const 1 i64.sub local.set 0 br 0 end end local.get 1",
                    new ValueType[] {ValueType.I64}, new long[][] {{0}, {1}, {100}, {100000}}),
            new Case("switch", "i32", "i32",
                    "block block block block local.get 0 br_table 0,1,2,3 end i32.const 10 return end i32.const 20 return"
                            + " end i32.const 30 return end i32.const 40",
                    new ValueType[0], new long[][] {{0}, {1}, {2}, {3}, {4}, {0xffff_ffffL}}),
            new Case("divide", "i32 i32", "i32",
                    "local.get 0 local.get 1 i32.div_s local.get 0 local.get 1 i32.rem_s i32.add"
                            + " local.get 0 local.get 1 i32.div_u i32.add local.get 0 local.get 1 i32.rem_u i32.add",
                    new ValueType[0], new long[][] {{7, 2}, {-7 & 0xffff_ffffL, 2}, {7, 0}, {0x8000_0000L, 0xffff_ffffL},
                        {0x8000_0000L, 3}}),
            new Case("rem64", "i64 i64", "i64", "local.get 0 local.get 1 i64.rem_s",
                    new ValueType[0], new long[][] {{Long.MIN_VALUE, -1}, {-9, 4}, {9, 0}}),
            new Case("memory", "i32 i64", "i64",
                    "local.get 0 local.get 1 i64.store offset=8 local.get 0 i32.const 255 i32.store8 offset=3"
                            + " local.get 0 i64.load offset=8 local.get 0 i64.load8_s offset=3 i64.add"
                            + " local.get 0 i64.load16_u offset=2 i64.add local.get 0 i64.load32_s offset=9 i64.add",
                    new ValueType[0], new long[][] {{0, 0x0102_0304_0506_0708L}, {65520, -2}, {65530, 1}, {0xffff_fff0L, 1}}),
            new Case("bits", "i64", "i64",
                    "local.get 0 i64.clz local.get 0 i64.ctz i64.add local.get 0 i64.popcnt i64.add"
                            + " local.get 0 i32.wrap_i64 i32.clz i64.extend_i32_u i64.add local.get 0 i64.extend8_s i64.add",
                    new ValueType[0], new long[][] {{0}, {1}, {-1}, {0x00f0_0000_0000_0180L}}),
            new Case("trap", "i32", "i32", "local.get 0 if unreachable end local.get 0",
                    new ValueType[0], new long[][] {{0}, {1}}));

    private static TestModule testModule;
    private static NativeModule compiled;
    private static Runtime runtime;
    private static Instance interpreted;

    @BeforeAll
    static void compile() {
        testModule = new TestModule().memory(1, 1);
        for (Case c : CASES) {
            testModule.function(c.name(), sig(c.params(), c.results()), c.body(), c.locals());
        }
        compiled = new NativeModule(testModule.module(), ALLOCATOR);
        runtime = Runtime.create();
        interpreted = testModule.instantiate(runtime);
    }

    @AfterAll
    static void close() {
        compiled.close();
        runtime.close();
    }

    static Stream<Arguments> calls() {
        return CASES.stream().flatMap(c -> Stream.of(c.calls()).map(args -> Arguments.of(c, args)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("calls")
    void agreesWithTheInterpreter(Case c, long[] args) {
        long[] expected;
        try {
            expected = interpreted.function(c.name()).call(args);
        } catch (TrapException trap) {
            TrapException got = assertThrows(TrapException.class, () -> compiled.call(c.name(), args));
            assertEquals(trap.kind(), got.kind());
            return;
        }
        long[] got = compiled.call(c.name(), args);
        long[] slots = expected.clone();
        for (int k = 0; k < slots.length; k++) {
            if (ValueType.I32 == sig(c.params(), c.results()).results().get(k)) {
                slots[k] &= 0xffff_ffffL;
                got[k] &= 0xffff_ffffL;
            }
        }
        assertArrayEquals(slots, got, () -> String.join("\n", compiled.lowered.stream().map(Object::toString).toList()));
    }
}
