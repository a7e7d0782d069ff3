package dev.kiln.internal.validate;

import static dev.kiln.ValueType.I32;
import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-function facts validation hands to the engines. */
class FunctionFactsTest {

    @Test
    void recordsStackHeightAndNestingPerDefinedFunction() {
        TestModule module = new TestModule();
        int type = module.type(List.of(), List.of(I32));
        module.importFunction(type);
        module.function(type, i32(1), i32(2), i32(3), op(Op.I32_ADD), op(Op.I32_ADD));
        module.function(type, block(Op.BLOCK, I32), block(Op.BLOCK, I32), i32(1), end(), end());
        FunctionFacts facts = module.assertValid();
        assertEquals(2, facts.functionCount());
        assertEquals(3, facts.maxStackHeight(0));
        assertEquals(1, facts.maxControlDepth(0));
        assertEquals(1, facts.maxStackHeight(1));
        assertEquals(3, facts.maxControlDepth(1));
    }
}
