package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.testing.TestModule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The shape of lowered code: the register form must remove the stack traffic it promises to. */
class LoweringTest {

    private static FunctionCode lower(String body, ValueType... locals) {
        TestModule module = new TestModule();
        module.function("f", sig("i32 i32", "i32"), body, locals);
        Module m = module.module();
        return Lowering.lower(m, 0);
    }

    private static int[] opcodes(FunctionCode code) {
        int[] words = code.code();
        int[] ops = new int[words.length / 4];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = words[4 * i];
        }
        return ops;
    }

    @Test
    void localsAndConstantsAreOperandsNotInstructions() {
        FunctionCode code = lower("local.get 0 i32.const 7 i32.add local.get 1 i32.mul");
        assertArrayEquals(new int[] {Opcodes.I32_ADD, Opcodes.I32_MUL, Opcodes.RETURN1}, opcodes(code));
        int[] add = Arrays.copyOfRange(code.code(), 0, 4);
        assertEquals(0, add[2], "reads local 0 in place");
        assertEquals(2, add[3], "reads the pooled constant right after the two locals");
        assertArrayEquals(new long[] {7}, code.frameInit());
    }

    @Test
    void localSetRetargetsTheResult() {
        FunctionCode code = lower("local.get 0 local.get 1 i32.sub local.set 2 local.get 2", ValueType.I32);
        assertArrayEquals(new int[] {Opcodes.I32_SUB, Opcodes.RETURN1}, opcodes(code));
        assertEquals(2, code.code()[1], "writes local 2 directly");
    }

    @Test
    void compareAndBranchFuse() {
        FunctionCode code = lower("block loop local.get 0 local.get 1 i32.lt_s br_if 1 local.get 0 i32.const 1 i32.add"
                + " local.set 0 br 0 end end local.get 0");
        assertArrayEquals(new int[] {Opcodes.BR_I32_LT_S, Opcodes.I32_ADD, Opcodes.BR, Opcodes.RETURN1}, opcodes(code));
        assertEquals(12, code.code()[3], "br_if 1 jumps to the block's end");
        assertEquals(0, code.code()[11], "br 0 jumps to the loop's start");
    }

    @Test
    void i64CompareAndBranchFuse() {
        TestModule module = new TestModule();
        module.function("f", sig("i64 i64", ""), "block local.get 0 local.get 1 i64.gt_u br_if 0 end");
        assertArrayEquals(new int[] {Opcodes.BR_I64_GT_U, Opcodes.RETURN}, opcodes(Lowering.lower(module.module(), 0)));
    }

    @Test
    void ifWithCompareBranchesOnTheNegation() {
        FunctionCode code = lower("local.get 0 local.get 1 i32.ge_u if i32 i32.const 1 else i32.const 2 end");
        int[] ops = opcodes(code);
        assertEquals(Opcodes.BR_I32_LT_U, ops[0]);
    }

    @Test
    void framesHoldLocalsConstantsAndTemporaries() {
        FunctionCode code = lower("local.get 0 i32.const 1 i32.const 2 i32.add i32.add", ValueType.I64, ValueType.V128);
        assertEquals(2, code.paramSlots());
        assertEquals(1, code.resultSlots());
        assertEquals(2 + 1 + 2 + 2 + 3, code.frameSlots(), "params, i64, v128, two constants, three stack heights");
        assertArrayEquals(new long[] {0, 0, 0, 1, 2}, code.frameInit());
    }
}
