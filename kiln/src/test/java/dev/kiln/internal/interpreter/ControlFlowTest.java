package dev.kiln.internal.interpreter;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import dev.kiln.testing.TestModule;
import dev.kiln.testing.TestRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Blocks, loops, branches and multi-value, and the lowering's register tricks: values that are
 * still aliases of locals when the local changes, retargeted results, fused compare-branches.
 */
@ParameterizedClass
@EnumSource(EngineKind.class)
class ControlFlowTest {

    @Parameter
    EngineKind engine;

    private static Runtime runtime;
    private static Instance m;

    @BeforeParameterizedClassInvocation
    static void build(EngineKind engine) {
        TestModule module = new TestModule();
        int pair = module.type(sig("i32 i32", "i32 i32"));
        int swap = module.function("swap", sig("i32 i32", "i32 i32"), "local.get 1 local.get 0");
        module.function("callSwap", sig("i32 i32", "i32 i32 i32"),
                "i32.const 7 local.get 0 local.get 1 call " + swap);
        module.function("blockParams", sig("i32 i32", "i32 i32"),
                "local.get 0 local.get 1 block type=" + pair + " i32.add local.get 0 end");
        // Sums n + (n-1) + ... + 1 with the counter and sum carried as loop parameters.
        module.function("loopParams", sig("i32", "i32"),
                "i32.const 0 local.get 0 loop type=" + module.type(sig("i32 i32", "i32"))
                        + " local.tee 0 i32.add local.get 0 i32.const 1 i32.sub local.tee 0"
                        + " local.get 0 br_if 0 drop end");
        module.function("ifElseParams", sig("i32 i32", "i32 i32"),
                "local.get 0 local.get 1 local.get 0 if type=" + pair + " i32.sub i32.const 1 else i32.add i32.const 2 end");
        module.function("brTable", sig("i32", "i32"),
                "block i32 block i32 block i32 i32.const 100 local.get 0 br_table 0,1,2 end i32.const 1 i32.add end"
                        + " i32.const 10 i32.add end i32.const 1000 i32.add");
        module.function("brTableLoop", sig("i32", "i32"),
                "loop block local.get 0 i32.const 1 i32.sub local.tee 0 br_table 0,1 end end local.get 0");
        module.function("brWithValues", sig("i32", "i32 i64"),
                "block type=" + module.type(sig("", "i32 i64")) + " local.get 0 i64.const 5 local.get 0 br_if 0"
                        + " drop drop i32.const 9 i64.const 9 end");
        module.function("staleAlias", sig("i32", "i32"),
                "local.get 0 local.get 0 i32.const 1 i32.add local.set 0 local.get 0 local.get 0 i32.mul i32.add");
        module.function("staleAliasAcrossTee", sig("i32", "i32 i32"),
                "local.get 0 i32.const 5 local.tee 0");
        module.function("swapLocals", sig("i32 i32", "i32 i32"),
                "local.get 0 local.get 1 local.set 0 local.set 1 local.get 0 local.get 1");
        module.function("selects", sig("i64 i64 i32", "i64"), "local.get 0 local.get 1 local.get 2 select");
        module.function("selectV128", sig("v128 v128 i32", "v128"), "local.get 0 local.get 1 local.get 2 select");
        module.function("countDown", sig("i32", "i32"),
                "block loop local.get 0 i32.eqz br_if 1 local.get 0 i32.const 1 i32.sub local.set 0"
                        + " local.get 1 i32.const 3 i32.add local.set 1 br 0 end end local.get 1", ValueType.I32);
        module.function("compareIf", sig("i32 i32", "i32"),
                "local.get 0 local.get 1 i32.lt_u if i32 i32.const 1 else i32.const 2 end");
        module.function("i64Branches", sig("i64 i64", "i32"),
                "block i32 i32.const 1 local.get 0 local.get 1 i64.lt_u br_if 0 drop i32.const 2 local.get 0"
                        + " local.get 1 i64.lt_s br_if 0 drop i32.const 3 end");
        module.function("earlyReturn", sig("i32", "i32 i32"),
                "local.get 0 local.get 0 local.get 0 br_if 0 drop drop i32.const 3 i32.const 4");
        module.function("unreachableTail", sig("i32", "i32"),
                "block i32 local.get 0 br 0 i32.const 1 i32.add unreachable end");
        runtime = TestRuntimes.on(engine);
        m = module.instantiate(runtime);
    }

    @AfterParameterizedClassInvocation
    static void close() {
        runtime.close();
    }

    private static long[] call(String name, long... args) {
        return m.function(name).call(args);
    }

    @Test
    void multiValueCallsAndBlocks() {
        assertArrayEquals(new long[] {2, 1}, call("swap", 1, 2));
        assertArrayEquals(new long[] {7, 4, 3}, call("callSwap", 3, 4));
        assertArrayEquals(new long[] {11, 5}, call("blockParams", 5, 6));
        assertArrayEquals(new long[] {3, 1}, call("ifElseParams", 4, 1));
        assertArrayEquals(new long[] {4, 2}, call("ifElseParams", 0, 4));
        assertArrayEquals(new long[] {5, 5}, call("brWithValues", 5));
        assertArrayEquals(new long[] {9, 9}, call("brWithValues", 0));
    }

    @Test
    void loopsCarryParameters() {
        assertArrayEquals(new long[] {55}, call("loopParams", 10));
        assertArrayEquals(new long[] {30}, call("countDown", 10));
    }

    @Test
    void brTableSelectsTargetsAndDefault() {
        assertArrayEquals(new long[] {1111}, call("brTable", 0));
        assertArrayEquals(new long[] {1110}, call("brTable", 1));
        assertArrayEquals(new long[] {1100}, call("brTable", 2));
        assertArrayEquals(new long[] {1100}, call("brTable", 0x80000000L), "out of range takes the default");
        assertArrayEquals(new long[] {0}, call("brTableLoop", 5));
    }

    @Test
    void valuesPushedBeforeALocalChangesKeepTheOldValue() {
        assertArrayEquals(new long[] {3 + 4 * 4}, call("staleAlias", 3));
        assertArrayEquals(new long[] {8, 5}, call("staleAliasAcrossTee", 8));
        assertArrayEquals(new long[] {2, 1}, call("swapLocals", 1, 2));
    }

    @Test
    void selectAllTypes() {
        assertArrayEquals(new long[] {-1}, call("selects", -1, 2, 1));
        assertArrayEquals(new long[] {2}, call("selects", -1, 2, 0));
        assertArrayEquals(new long[] {1, 2}, call("selectV128", 1, 2, 3, 4, 7));
        assertArrayEquals(new long[] {3, 4}, call("selectV128", 1, 2, 3, 4, 0));
    }

    @Test
    void fusedCompareBranches() {
        assertArrayEquals(new long[] {1}, call("compareIf", 1, 0xFFFFFFFFL));
        assertArrayEquals(new long[] {2}, call("compareIf", 0xFFFFFFFFL, 1));
        assertArrayEquals(new long[] {1}, call("i64Branches", 1, -1));
        assertArrayEquals(new long[] {2}, call("i64Branches", -1, 1));
        assertArrayEquals(new long[] {3}, call("i64Branches", 1, 1));
        assertArrayEquals(new long[] {5, 5}, call("earlyReturn", 5));
        assertArrayEquals(new long[] {3, 4}, call("earlyReturn", 0));
        assertEquals(42, call("unreachableTail", 42)[0]);
    }
}
