package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;

import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** table.get/set/size/grow/fill/copy/init and elem.drop. */
class TableInstructionValidationTest {

    /** Table 0 holds funcref, table 1 externref; segment 0 is a passive funcref segment. */
    private static TestModule tables() {
        return new TestModule().table(FUNCREF, 1, NO_MAX).table(EXTERNREF, 1, 10)
                .element(SegmentMode.PASSIVE, 0, null, FUNCREF, new Instruction[][] {{refNull(FUNCREF)}});
    }

    private static TestModule withBody(List<dev.kiln.ValueType> results, Instruction... body) {
        TestModule module = tables();
        module.function(module.type(List.of(), results), body);
        return module;
    }

    @Test
    void getAndSetUseTheTableType() {
        withBody(List.of(EXTERNREF), i32(0), op(Op.TABLE_GET, 1)).assertValid();
        withBody(List.of(), i32(0), refNull(EXTERNREF), op(Op.TABLE_SET, 1)).assertValid();
        withBody(List.of(), i32(0), refNull(FUNCREF), op(Op.TABLE_SET, 1)).assertInvalid("type mismatch");
        withBody(List.of(FUNCREF), i32(0), op(Op.TABLE_GET, 1)).assertInvalid("type mismatch");
    }

    @Test
    void sizeGrowAndFill() {
        withBody(List.of(I32), op(Op.TABLE_SIZE, 0)).assertValid();
        withBody(List.of(I32), refNull(FUNCREF), i32(2), op(Op.TABLE_GROW, 0)).assertValid();
        withBody(List.of(I32), i32(2), refNull(FUNCREF), op(Op.TABLE_GROW, 0)).assertInvalid("type mismatch");
        withBody(List.of(), i32(0), refNull(EXTERNREF), i32(3), op(Op.TABLE_FILL, 1)).assertValid();
        withBody(List.of(), i32(0), refNull(FUNCREF), i32(3), op(Op.TABLE_FILL, 1)).assertInvalid("type mismatch");
    }

    @Test
    void unknownTableIsRejected() {
        withBody(List.of(I32), op(Op.TABLE_SIZE, 2)).assertInvalid("unknown table 2");
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_COPY, 0, 2)).assertInvalid("unknown table 2");
    }

    @Test
    void copyNeedsTablesOfOneType() {
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_COPY, 0, 0)).assertValid();
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_COPY, 0, 1)).assertInvalid("type mismatch");
    }

    @Test
    void initNeedsTheSegmentTypeToMatchTheTable() {
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_INIT, 0, 0)).assertValid();
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_INIT, 0, 1)).assertInvalid("type mismatch");
        withBody(List.of(), i32(0), i32(0), op(Op.TABLE_INIT, 0, 0)).assertInvalid("type mismatch");
    }

    @Test
    void elementSegmentsMustExist() {
        withBody(List.of(), i32(0), i32(0), i32(0), op(Op.TABLE_INIT, 4, 0)).assertInvalid("unknown elem segment 4");
        withBody(List.of(), op(Op.ELEM_DROP, 0)).assertValid();
        withBody(List.of(), op(Op.ELEM_DROP, 1)).assertInvalid("unknown elem segment 1");
    }
}
