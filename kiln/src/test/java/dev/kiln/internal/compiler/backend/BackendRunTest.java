package dev.kiln.internal.compiler.backend;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.regalloc.RegisterAllocator;
import dev.kiln.testing.Instructions;
import dev.kiln.testing.TestModule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Code through the whole backend — frontend, lowering, allocation, emission, linking — run
 * natively and compared with the interpreter, the semantic reference: the same results, or the
 * same trap. Twice: without passes and with {@link SpillEverywhere}, which tests the lowering and
 * the emitter alone, and through the pass pipeline and the checked register allocator.
 */
class BackendRunTest {


    /** One exported function and the arguments it is called with. */
    record Case(String name, String params, String results, String body, ValueType[] locals, long[][] calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static boolean isNaN(ValueType type, long bits) {
        return type == ValueType.F32 ? Float.isNaN(Float.intBitsToFloat((int) bits))
                : type == ValueType.F64 && Double.isNaN(Double.longBitsToDouble(bits));
    }

    private static final long D1 = Double.doubleToRawLongBits(1.25);
    private static final long D2 = Double.doubleToRawLongBits(-7.5e10);

    private static final double[][] CONVERSIONS = {{Double.NaN}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY},
        {1e19}, {9.3e18}, {-1.5}, {-1.0}, {-0.9}, {4294967296.0}, {4294967295.9}, {2147483647.9}, {-2147483648.9},
        {-2147483649.0}, {1.8446744073709552E19}, {9.223372036854775807E18}, {-9.223372036854775807E18}, {0.0}};

    private static final long[][] FLOAT_PAIRS = floats(new float[][] {{0.0f, -0.0f}, {-0.0f, 0.0f}, {Float.NaN, 1},
        {1, Float.NaN}, {1, 2}, {2, 1}, {Float.NEGATIVE_INFINITY, 3}});

    private static long[][] doubles(double[][] values) {
        return Stream.of(values).map(row -> java.util.stream.DoubleStream.of(row).mapToLong(Double::doubleToRawLongBits)
                .toArray()).toArray(long[][]::new);
    }

    private static long[][] floats(float[][] values) {
        long[][] out = new long[values.length][];
        for (int r = 0; r < values.length; r++) {
            out[r] = new long[values[r].length];
            for (int k = 0; k < values[r].length; k++) {
                out[r][k] = Float.floatToRawIntBits(values[r][k]) & 0xffff_ffffL;
            }
        }
        return out;
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
                    new ValueType[0], new long[][] {{0}, {1}}),
            new Case("fmath", "f64 f64", "f64",
                    "local.get 0 local.get 1 f64.mul local.get 0 local.get 1 f64.div f64.add local.get 0 f64.abs f64.sqrt"
                            + " f64.sub local.get 1 f64.neg f64.add",
                    new ValueType[0], doubles(new double[][] {{3, 4}, {-2.5, 0.1}, {0, 0}, {1e300, 1e-300}})),
            new Case("fmin", "f32 f32", "f32", "local.get 0 local.get 1 f32.min", new ValueType[0], FLOAT_PAIRS),
            new Case("fmax", "f32 f32", "f32", "local.get 0 local.get 1 f32.max", new ValueType[0], FLOAT_PAIRS),
            new Case("fmax64", "f64 f64", "f64", "local.get 0 local.get 1 f64.max", new ValueType[0],
                    doubles(new double[][] {{0.0, -0.0}, {-0.0, 0.0}, {Double.NaN, 1}, {1, Double.NaN}, {-3, 2}})),
            new Case("round", "f64", "f64",
                    "local.get 0 f64.ceil local.get 0 f64.floor f64.add local.get 0 f64.trunc f64.add"
                            + " local.get 0 f64.nearest f64.add",
                    new ValueType[0], doubles(new double[][] {{2.5}, {-2.5}, {3.5}, {1e300}, {-0.4}, {Double.NaN}})),
            new Case("round32", "f32", "f32", "local.get 0 f32.nearest local.get 0 f32.ceil f32.mul",
                    new ValueType[0], floats(new float[][] {{2.5f}, {-0.5f}, {7.25f}})),
            new Case("satS64", "f64", "i64", "local.get 0 i64.trunc_sat_f64_s", new ValueType[0], doubles(CONVERSIONS)),
            new Case("satU64", "f64", "i64", "local.get 0 i64.trunc_sat_f64_u", new ValueType[0], doubles(CONVERSIONS)),
            new Case("satS32", "f64", "i32", "local.get 0 i32.trunc_sat_f64_s", new ValueType[0], doubles(CONVERSIONS)),
            new Case("satU32", "f32", "i32", "local.get 0 i32.trunc_sat_f32_u", new ValueType[0],
                    floats(new float[][] {{Float.NaN}, {-1.5f}, {4.2e9f}, {5e9f}, {3.9f}, {Float.NEGATIVE_INFINITY}})),
            new Case("truncS32", "f64", "i32", "local.get 0 i32.trunc_f64_s", new ValueType[0], doubles(CONVERSIONS)),
            new Case("truncU64", "f64", "i64", "local.get 0 i64.trunc_f64_u", new ValueType[0], doubles(CONVERSIONS)),
            new Case("truncU32", "f32", "i32", "local.get 0 i32.trunc_f32_u", new ValueType[0],
                    floats(new float[][] {{-0.9f}, {4.2e9f}, {5e9f}, {3.9f}, {Float.NaN}})),
            new Case("fromInt", "i64", "f64",
                    "local.get 0 f64.convert_i64_u local.get 0 f64.convert_i64_s f64.add local.get 0 i32.wrap_i64"
                            + " f64.convert_i32_u f64.add local.get 0 i32.wrap_i64 f32.convert_i32_s f64.promote_f32 f64.add"
                            + " local.get 0 f32.convert_i64_u f64.promote_f32 f64.add",
                    new ValueType[0], new long[][] {{-1}, {Long.MIN_VALUE + 1}, {12345}, {0xffff_ffffL}, {0x7fff_ffff_ffff_fdffL},
                        {0x8000_0000_0000_0401L}}),
            new Case("fcmp", "f64 f64", "i32",
                    "local.get 0 local.get 1 f64.lt local.get 0 local.get 1 f64.eq i32.const 2 i32.mul i32.add"
                            + " local.get 0 local.get 1 f64.ne i32.const 4 i32.mul i32.add"
                            + " local.get 0 local.get 1 f64.ge i32.const 8 i32.mul i32.add",
                    new ValueType[0], doubles(new double[][] {{1, 2}, {2, 1}, {1, 1}, {Double.NaN, 1}, {0.0, -0.0}})),
            new Case("fbranch", "f32 f32", "i32",
                    "local.get 0 local.get 1 f32.le if i32.const 7 return end local.get 0 local.get 1 f32.ne if i32.const 9"
                            + " return end local.get 0 local.get 1 f32.gt if i32.const 13 return end i32.const 11",
                    new ValueType[0], FLOAT_PAIRS),
            new Case("fselect", "f64 f64 i32", "f64", "local.get 0 local.get 1 local.get 2 select",
                    new ValueType[0], new long[][] {{D1, D2, 0}, {D1, D2, 1}}),
            new Case("fmemory", "i32 f64", "f64",
                    "local.get 0 local.get 1 f64.store offset=16 local.get 0 local.get 1 f32.demote_f64 f32.store offset=4"
                            + " local.get 0 f64.load offset=16 local.get 0 f32.load offset=4 f64.promote_f32 f64.add",
                    new ValueType[0], new long[][] {{0, D1}, {100, D2}, {65530, D1}}),
            new Case("bitcast", "f64", "i64",
                    "local.get 0 i64.reinterpret_f64 i64.const 1 i64.add f64.reinterpret_i64 f64.neg local.get 0"
                            + " f64.copysign i64.reinterpret_f64 local.get 0 f32.demote_f64 i32.reinterpret_f32"
                            + " i64.extend_i32_u i64.add",
                    new ValueType[0], doubles(new double[][] {{1.5}, {-2}, {Double.NaN}, {-0.0}})),
            new Case("fglobal", "f64 i32", "f64",
                    "local.get 0 global.set 0 local.get 1 global.set 1 global.get 0 global.get 1 f64.convert_i32_s f64.add",
                    new ValueType[0], new long[][] {{D1, 5}, {D2, 0xffff_fff0L}}),
            new Case("grow", "i32", "i32",
                    "local.get 0 memory.grow memory.size i32.const 100 i32.mul i32.add i32.const 0 i32.const 7 i32.store"
                            + " i32.const 0 i32.load i32.add",
                    new ValueType[0], new long[][] {{0}, {1}, {2}, {0xffff_ffffL}}),
            new Case("bulk", "i32 i32 i32", "i64",
                    "local.get 0 i32.const 171 local.get 2 memory.fill local.get 1 local.get 0 local.get 2 memory.copy 0 0"
                            + " local.get 1 i64.load local.get 0 i64.load8_u i64.add",
                    new ValueType[0], new long[][] {{16, 64, 8}, {0, 4, 16}, {65530, 0, 8}, {0, 65535, 2}}),
            new Case("manyParams", "i64 i64 i64 i64 i64 i64 i64 i64 i64 f64 f64 f64 f64 f64 f64 f64 f64 f64 f64", "i64 f64",
                    "local.get 0 local.get 8 i64.sub local.get 7 i64.mul local.get 6 i64.add"
                            + " local.get 9 local.get 18 f64.sub local.get 17 f64.mul local.get 16 f64.add local.get 10 f64.add",
                    new ValueType[0], new long[0][]),
            new Case("caller", "i64 f64", "f64",
                    "local.get 0 local.get 0 local.get 0 local.get 0 local.get 0 local.get 0 local.get 0 i64.const 3 local.get 0"
                            + " i64.const 2 i64.mul local.get 1 local.get 1 local.get 1 local.get 1 local.get 1 local.get 1"
                            + " local.get 1 local.get 1 f64.const 0.5 local.get 1 f64.neg call CALLEE local.set 2 f64.convert_i64_s local.get 2 f64.add",
                    new ValueType[] {ValueType.F64}, new long[][] {{5, D1}, {-7, D2}}));

    private static TestModule testModule;
    /** Through the lowering alone ({@link SpillEverywhere}), and through the whole optimizing pipeline. */
    private static NativeModule plain;
    private static NativeModule optimized;
    private static Runtime runtime;
    private static Instance interpreted;

    @BeforeAll
    static void compile() {
        testModule = new TestModule().memory(1, 3)
                .global(ValueType.F64, true, Instructions.f64(0))
                .global(ValueType.I32, true, Instructions.i32(0));
        String callee = Integer.toString(CASES.stream().map(Case::name).toList().indexOf("manyParams"));
        for (Case c : CASES) {
            testModule.function(c.name(), sig(c.params(), c.results()), c.body().replace("CALLEE", callee), c.locals());
        }
        runtime = Runtime.create();
        interpreted = testModule.instantiate(runtime); // validates the module first
        plain = new NativeModule(testModule.module(), f -> { }, SpillEverywhere::allocate);
        optimized = new NativeModule(testModule.module(), f -> Pipeline.run(f, null), RegisterAllocator::allocateChecked);
    }

    @AfterAll
    static void close() {
        plain.close();
        optimized.close();
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
            for (NativeModule compiled : List.of(plain, optimized)) {
                TrapException got = assertThrows(TrapException.class, () -> compiled.call(c.name(), args));
                assertEquals(trap.kind(), got.kind());
            }
            return;
        }
        check(c, expected, plain.call(c.name(), args));
        check(c, expected, optimized.call(c.name(), args));
    }

    private static void check(Case c, long[] expected, long[] got) {
        long[] slots = expected.clone();
        List<ValueType> results = sig(c.params(), c.results()).results();
        for (int k = 0; k < slots.length; k++) {
            if (results.get(k) == ValueType.I32 || results.get(k) == ValueType.F32) {
                slots[k] &= 0xffff_ffffL;
                got[k] &= 0xffff_ffffL;
            }
            if (isNaN(results.get(k), slots[k]) && isNaN(results.get(k), got[k])) {
                got[k] = slots[k]; // any NaN an arithmetic instruction may give (the spec checks which)
            }
        }
        assertArrayEquals(slots, got);
    }
}
