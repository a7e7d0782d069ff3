package dev.kiln.internal.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.CompileException;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.Instructions;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A function that touches {@code v128} in any way is refused with
 * {@link CompileException.Reason#UNSUPPORTED} and a message naming the function and what it
 * uses; the module's other functions still lower.
 */
class V128RefusalTest {

    private static final List<ValueType> NONE = List.of();
    private static final List<ValueType> V128 = List.of(ValueType.V128);

    private static CompileException refusal(Frontend frontend, int definedIndex) {
        CompileException e = assertThrows(CompileException.class, () -> frontend.lower(definedIndex));
        assertEquals(CompileException.Reason.UNSUPPORTED, e.reason());
        return e;
    }

    @Test
    void everyWayOfUsingV128IsRefusedAndNamesTheFunction() {
        TestModule m = new TestModule();
        m.global(ValueType.V128, true, Instructions.v128());
        int plain = m.function(m.type(NONE, List.of(ValueType.I32)), Instructions.parse("i32.const 1"));
        int vector = m.type(NONE, V128);
        m.name(m.function(m.type(NONE, NONE), Instructions.parse("i32.const 1 i32x4.splat drop")), "splat");
        m.function(vector, Instructions.v128());
        m.function(m.type(NONE, NONE), V128, Instructions.parse(""));
        m.function(m.type(NONE, NONE), Instructions.parse("global.get 0 drop"));
        m.function(m.type(NONE, NONE), Instructions.block(Op.BLOCK, BlockType.of(ValueType.V128)),
                Instructions.v128(), Instructions.end(), Instructions.op(Op.DROP));
        m.function(m.type(NONE, NONE), Instructions.parse("call 2 drop"));
        m.function(m.type(NONE, NONE), Instructions.parse("return i32.const 0 i32x4.splat drop"));
        m.assertValid();
        Module module = m.module();
        Frontend frontend = new Frontend(module);

        assertEquals(List.of(), Verifier.verify(frontend.lower(plain)));
        assertEquals("function 1 (splat) uses v128 (i32x4.splat), which the compiler engine does not compile yet"
                + " (at byte offset 2001)", refusal(frontend, 1).getMessage());
        assertEquals("function 2 has v128 in its type, which the compiler engine does not compile yet"
                + " (at byte offset 3000)", refusal(frontend, 2).getMessage());
        assertEquals("function 3 has a v128 local, which the compiler engine does not compile yet"
                + " (at byte offset 4000)", refusal(frontend, 3).getMessage());
        assertEquals("function 4 uses v128 (global.get), which the compiler engine does not compile yet"
                + " (at byte offset 5000)", refusal(frontend, 4).getMessage());
        assertEquals("function 5 uses v128 (block), which the compiler engine does not compile yet"
                + " (at byte offset 6000)", refusal(frontend, 5).getMessage());
        assertEquals("function 6 uses v128 (call), which the compiler engine does not compile yet"
                + " (at byte offset 7000)", refusal(frontend, 6).getMessage());
        assertEquals("function 7 uses v128 (i32x4.splat), which the compiler engine does not compile yet"
                + " (at byte offset 8002)", refusal(frontend, 7).getMessage(), "unreachable code is checked too");
    }

    @Test
    void aTypedSelectOfV128IsRefused() {
        // After unreachable the operands need not exist, so the select is the first v128 there is.
        TestModule m = TestModule.withFunction(NONE, NONE, Instructions.op(Op.UNREACHABLE),
                Instructions.selectTyped(ValueType.V128), Instructions.op(Op.DROP));
        m.assertValid();
        assertEquals("function 0 uses v128 (select_t), which the compiler engine does not compile yet"
                + " (at byte offset 1001)", refusal(new Frontend(m.module()), 0).getMessage());
    }

    @Test
    void anIndirectCallOfAV128TypeIsRefused() {
        TestModule m = new TestModule();
        int vector = m.type(NONE, V128);
        m.functionTable(1);
        m.function(m.type(NONE, NONE), Instructions.parse("i32.const 0 call_indirect " + vector + " 0 drop"));
        m.assertValid();
        assertEquals("function 0 uses v128 (call_indirect), which the compiler engine does not compile yet"
                + " (at byte offset 1001)", refusal(new Frontend(m.module()), 0).getMessage());
    }
}
