package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;

import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** call and call_indirect. */
class CallValidationTest {

    @Test
    void callPopsParametersAndPushesResults() {
        TestModule module = new TestModule();
        int binary = module.type(List.of(I32, I64), List.of(I64, I32));
        module.importFunction(binary);
        module.function(module.type(List.of(), List.of(I64, I32)), i32(1), i64(2), op(Op.CALL, 0));
        module.assertValid();
    }

    @Test
    void callArgumentsMustMatch() {
        TestModule module = new TestModule();
        int binary = module.type(List.of(I32, I64), List.of());
        module.importFunction(binary);
        module.function(module.type(List.of(), List.of()), i64(2), i32(1), op(Op.CALL, 0));
        module.assertInvalid("type mismatch");
    }

    @Test
    void callOfUnknownFunctionIsRejected() {
        TestModule module = new TestModule();
        module.function(module.type(List.of(), List.of()), op(Op.CALL, 1));
        module.assertInvalid("unknown function 1");
    }

    @Test
    void callIndirectThroughAFuncrefTable() {
        TestModule module = new TestModule().table(FUNCREF, 1, NO_MAX);
        int unary = module.type(List.of(I64), List.of(I32));
        module.function(module.type(List.of(), List.of(I32)), i64(5), i32(0), op(Op.CALL_INDIRECT, unary, 0));
        module.assertValid();
    }

    @Test
    void callIndirectNeedsTheIndexOperand() {
        TestModule module = new TestModule().table(FUNCREF, 1, NO_MAX);
        int unary = module.type(List.of(I64), List.of(I32));
        module.function(module.type(List.of(), List.of(I32)), i64(5), op(Op.CALL_INDIRECT, unary, 0));
        module.assertInvalid("type mismatch");
    }

    @Test
    void callIndirectTableMustHoldFunctions() {
        TestModule module = new TestModule().table(EXTERNREF, 1, NO_MAX);
        int empty = module.type(List.of(), List.of());
        module.function(empty, i32(0), op(Op.CALL_INDIRECT, empty, 0));
        module.assertInvalid("type mismatch");
    }

    @Test
    void callIndirectTableAndTypeMustExist() {
        TestModule noTable = new TestModule();
        int empty = noTable.type(List.of(), List.of());
        noTable.function(empty, i32(0), op(Op.CALL_INDIRECT, empty, 0));
        noTable.assertInvalid("unknown table 0");
        TestModule noType = new TestModule().table(FUNCREF, 1, NO_MAX);
        noType.function(noType.type(List.of(), List.of()), i32(0), op(Op.CALL_INDIRECT, 3, 0));
        noType.assertInvalid("unknown type 3");
    }
}
