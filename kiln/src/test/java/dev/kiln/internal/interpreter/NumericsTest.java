package dev.kiln.internal.interpreter;

import static dev.kiln.testing.Instructions.f32Bits;
import static dev.kiln.testing.Instructions.f64Bits;
import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Edge cases of integer and IEEE-754 arithmetic, conversions and traps. */
@ParameterizedClass
@EnumSource(EngineKind.class)
class NumericsTest {

    @Parameter
    EngineKind engine;

    private static Runtime runtime;
    private static Instance m;

    @BeforeParameterizedClassInvocation
    static void build(EngineKind engine) {
        TestModule module = new TestModule();
        for (String op : new String[] {"div_s", "div_u", "rem_s", "rem_u"}) {
            module.function("i32." + op, sig("i32 i32", "i32"), "local.get 0 local.get 1 i32." + op);
            module.function("i64." + op, sig("i64 i64", "i64"), "local.get 0 local.get 1 i64." + op);
        }
        for (String op : new String[] {"min", "max", "copysign", "add", "div"}) {
            module.function("f32." + op, sig("f32 f32", "f32"), "local.get 0 local.get 1 f32." + op);
            module.function("f64." + op, sig("f64 f64", "f64"), "local.get 0 local.get 1 f64." + op);
        }
        for (String op : new String[] {"abs", "neg", "nearest", "ceil", "floor", "trunc", "sqrt"}) {
            module.function("f32." + op, sig("f32", "f32"), "local.get 0 f32." + op);
            module.function("f64." + op, sig("f64", "f64"), "local.get 0 f64." + op);
        }
        for (String op : new String[] {"i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u"}) {
            module.function(op, sig("f32", "i32"), "local.get 0 " + op);
        }
        for (String op : new String[] {"i32.trunc_f64_s", "i32.trunc_f64_u", "i32.trunc_sat_f64_u"}) {
            module.function(op, sig("f64", "i32"), "local.get 0 " + op);
        }
        for (String op : new String[] {"i64.trunc_f64_s", "i64.trunc_f64_u", "i64.trunc_sat_f64_u", "i64.trunc_sat_f64_s"}) {
            module.function(op, sig("f64", "i64"), "local.get 0 " + op);
        }
        module.function("f32.convert_i64_u", sig("i64", "f32"), "local.get 0 f32.convert_i64_u");
        module.function("f64.convert_i64_u", sig("i64", "f64"), "local.get 0 f64.convert_i64_u");
        module.function("f32.convert_i32_u", sig("i32", "f32"), "local.get 0 f32.convert_i32_u");
        module.function("f64.convert_i32_u", sig("i32", "f64"), "local.get 0 f64.convert_i32_u");
        module.function("i64.extend_i32_s", sig("i32", "i64"), "local.get 0 i64.extend_i32_s");
        module.function("i64.extend_i32_u", sig("i32", "i64"), "local.get 0 i64.extend_i32_u");
        module.function("i32.wrap_i64", sig("i64", "i32"), "local.get 0 i32.wrap_i64");
        module.function("i32.extend8_s", sig("i32", "i32"), "local.get 0 i32.extend8_s");
        module.function("i32.rotl", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.rotl");
        module.function("i32.shr_s", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.shr_s");
        module.function("i32.clz", sig("i32", "i32"), "local.get 0 i32.clz");
        module.function("i64.ctz", sig("i64", "i64"), "local.get 0 i64.ctz");
        module.function("i32.lt_u", sig("i32 i32", "i32"), "local.get 0 local.get 1 i32.lt_u");
        module.function("f64.eq", sig("f64 f64", "i32"), "local.get 0 local.get 1 f64.eq");
        runtime = TestRuntimes.on(engine);
        m = module.instantiate(runtime);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        runtime.close();
    }

    private static long call(String name, long... args) {
        return m.function(name).call(args)[0];
    }

    private static TrapKind trap(String name, long... args) {
        return assertThrows(TrapException.class, () -> m.function(name).call(args)).kind();
    }

    private static long i32(int value) {
        return value & 0xFFFFFFFFL;
    }

    @Test
    void integerDivisionTrapsAndOverflows() {
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap("i32.div_s", 1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap("i32.rem_u", 1, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap("i64.div_u", 1, 0));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i32.div_s", i32(Integer.MIN_VALUE), i32(-1)));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i64.div_s", Long.MIN_VALUE, -1));
        assertEquals(0, call("i32.rem_s", i32(Integer.MIN_VALUE), i32(-1)));
        assertEquals(0, call("i64.rem_s", Long.MIN_VALUE, -1));
        assertEquals(i32(-2), call("i32.div_s", i32(-7), 3));
        assertEquals(i32(-1), call("i32.rem_s", i32(-7), 3));
        assertEquals(0x7FFFFFFFL, call("i32.div_u", i32(-1), 2));
        assertEquals(1, call("i32.rem_u", i32(-1), 2));
        assertEquals(Long.MAX_VALUE, call("i64.div_u", -1, 2));
        assertEquals(1, call("i64.rem_u", -1, 2));
    }

    @Test
    void i32ResultsAreZeroExtendedSlots() {
        assertEquals(0xFFFFFFFFL, call("i32.shr_s", i32(Integer.MIN_VALUE), 31));
        assertEquals(0xFFFFFF80L, call("i32.extend8_s", 0x80));
        assertEquals(0x00000001L, call("i32.rotl", i32(Integer.MIN_VALUE), 33), "shift counts are taken mod 32");
        assertEquals(32, call("i32.clz", 0));
        assertEquals(64, call("i64.ctz", 0));
        assertEquals(1, call("i32.lt_u", 1, i32(-1)));
        assertEquals(0xFFFFFFFFFFFFFFFFL, call("i64.extend_i32_s", i32(-1)));
        assertEquals(0xFFFFFFFFL, call("i64.extend_i32_u", i32(-1)));
        assertEquals(0x89ABCDEFL, call("i32.wrap_i64", 0x0123456789ABCDEFL));
    }

    @Test
    void minAndMaxHandleNaNAndSignedZeros() {
        long negZero = f32Bits("-0.0");
        long posZero = f32Bits("0.0");
        assertEquals(negZero, call("f32.min", posZero, negZero));
        assertEquals(negZero, call("f32.min", negZero, posZero));
        assertEquals(posZero, call("f32.max", negZero, posZero));
        assertEquals(f64Bits("-0.0"), call("f64.min", f64Bits("0.0"), f64Bits("-0.0")));
        assertEquals(f64Bits("0.0"), call("f64.max", f64Bits("-0.0"), f64Bits("0.0")));
        assertArithmeticNaN32(call("f32.min", f32Bits("1.0"), f32Bits("bits:0x7fa00000")));
        assertArithmeticNaN32(call("f32.max", f32Bits("bits:0xffa00000"), f32Bits("1.0")));
        assertArithmeticNaN64(call("f64.min", f64Bits("nan"), f64Bits("-inf")));
    }

    @Test
    void arithmeticNaNsAreQuiet() {
        assertArithmeticNaN32(call("f32.add", f32Bits("bits:0x7f800001"), f32Bits("1.0")));
        assertArithmeticNaN32(call("f32.div", f32Bits("0.0"), f32Bits("0.0")));
        assertArithmeticNaN64(call("f64.div", f64Bits("inf"), f64Bits("-inf")));
        assertArithmeticNaN32(call("f32.ceil", f32Bits("bits:0x7fa00000")));
        assertArithmeticNaN64(call("f64.floor", f64Bits("bits:0x7ff4000000000000")));
        assertArithmeticNaN64(call("f64.nearest", f64Bits("bits:0x7ff4000000000000")));
        assertArithmeticNaN32(call("f32.sqrt", f32Bits("-1.0")));
    }

    @Test
    void signOperationsKeepNaNPayloads() {
        assertEquals(0x7FA00001L, call("f32.abs", 0xFFA00001L));
        assertEquals(0xFFA00001L, call("f32.neg", 0x7FA00001L));
        assertEquals(0xFFA00001L, call("f32.copysign", 0x7FA00001L, f32Bits("-1.0")));
        assertEquals(0x7FF4000000000001L, call("f64.abs", 0xFFF4000000000001L));
        assertEquals(0xFFF4000000000001L, call("f64.neg", 0x7FF4000000000001L));
        assertEquals(0x7FF4000000000001L, call("f64.copysign", 0xFFF4000000000001L, f64Bits("0.0")));
    }

    @Test
    void nearestRoundsHalfToEven() {
        assertEquals(f32Bits("2.0"), call("f32.nearest", f32Bits("2.5")));
        assertEquals(f32Bits("4.0"), call("f32.nearest", f32Bits("3.5")));
        assertEquals(f32Bits("-0.0"), call("f32.nearest", f32Bits("-0.5")));
        assertEquals(f64Bits("-2.0"), call("f64.nearest", f64Bits("-2.5")));
        assertEquals(f64Bits("4503599627370497.0"), call("f64.nearest", f64Bits("4503599627370497.0")));
        assertEquals(f64Bits("-0.0"), call("f64.trunc", f64Bits("-0.75")));
        assertEquals(f32Bits("-0.0"), call("f32.ceil", f32Bits("-0.5")));
        assertEquals(f32Bits("16777216.0"), call("f32.trunc", f32Bits("16777216.0")));
    }

    @Test
    void truncationTrapsOnNaNAndOverflow() {
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, trap("i32.trunc_f32_s", f32Bits("nan")));
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, trap("i64.trunc_f64_u", f64Bits("-nan")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i32.trunc_f32_s", f32Bits("2147483648.0")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i32.trunc_f64_s", f64Bits("-2147483649.0")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i32.trunc_f32_u", f32Bits("-1.0")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i32.trunc_f64_u", f64Bits("4294967296.0")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i64.trunc_f64_s", f64Bits("9223372036854775808.0")));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap("i64.trunc_f64_u", f64Bits("18446744073709551616.0")));
        assertEquals(i32(Integer.MIN_VALUE), call("i32.trunc_f32_s", f32Bits("-2147483648.0")));
        assertEquals(i32(-2147483648), call("i32.trunc_f64_s", f64Bits("-2147483648.9")));
        assertEquals(0, call("i32.trunc_f32_u", f32Bits("-0.9")));
        assertEquals(0xFFFFFFFFL, call("i32.trunc_f64_u", f64Bits("4294967295.9")));
        assertEquals(Long.MIN_VALUE, call("i64.trunc_f64_s", f64Bits("-9223372036854775808.0")));
        assertEquals(0xFFFFFFFFFFFFF800L, call("i64.trunc_f64_u", f64Bits("18446744073709549568.0")));
    }

    @Test
    void saturatingTruncationClamps() {
        assertEquals(0, call("i32.trunc_sat_f32_s", f32Bits("nan")));
        assertEquals(0x7FFFFFFFL, call("i32.trunc_sat_f32_s", f32Bits("inf")));
        assertEquals(0x80000000L, call("i32.trunc_sat_f32_s", f32Bits("-3e9")));
        assertEquals(0, call("i32.trunc_sat_f32_u", f32Bits("-5.0")));
        assertEquals(0xFFFFFFFFL, call("i32.trunc_sat_f64_u", f64Bits("1e10")));
        assertEquals(-1L, call("i64.trunc_sat_f64_u", f64Bits("inf")));
        assertEquals(0, call("i64.trunc_sat_f64_u", f64Bits("nan")));
        assertEquals(Long.MIN_VALUE, call("i64.trunc_sat_f64_s", f64Bits("-inf")));
        assertEquals(0x8000000000000000L, call("i64.trunc_sat_f64_u", f64Bits("9223372036854775808.0")));
    }

    @Test
    void unsignedConversionsRoundOnce() {
        assertEquals(f32Bits("1.8446744E19"), call("f32.convert_i64_u", -1L));
        // 2^63 + 2^39 + 1 is just above the midpoint between two floats: must round up, not to even.
        assertEquals(Float.floatToRawIntBits(9.223373E18f) & 0xFFFFFFFFL, call("f32.convert_i64_u", 0x8000008000000001L));
        assertEquals(f64Bits("1.8446744073709552E19"), call("f64.convert_i64_u", -1L));
        assertEquals(f64Bits("9.223372036854777856E18"), call("f64.convert_i64_u", 0x8000000000000401L));
        assertEquals(f32Bits("4.2949673E9"), call("f32.convert_i32_u", 0xFFFFFFFFL));
        assertEquals(f64Bits("4294967295.0"), call("f64.convert_i32_u", 0xFFFFFFFFL));
    }

    @Test
    void floatComparisonsFollowIeee() {
        assertEquals(0, call("f64.eq", f64Bits("nan"), f64Bits("nan")));
        assertEquals(1, call("f64.eq", f64Bits("0.0"), f64Bits("-0.0")));
    }

    private static void assertArithmeticNaN32(long bits) {
        assertEquals(0, bits >>> 32, "an f32 slot is zero-extended");
        assertEquals(0x7F800000L, bits & 0x7F800000L, "NaN exponent: 0x" + Long.toHexString(bits));
        assertEquals(0x00400000L, bits & 0x00400000L, "quiet bit: 0x" + Long.toHexString(bits));
    }

    private static void assertArithmeticNaN64(long bits) {
        assertEquals(0x7FF0000000000000L, bits & 0x7FF0000000000000L, "NaN exponent: 0x" + Long.toHexString(bits));
        assertEquals(0x0008000000000000L, bits & 0x0008000000000000L, "quiet bit: 0x" + Long.toHexString(bits));
    }
}
