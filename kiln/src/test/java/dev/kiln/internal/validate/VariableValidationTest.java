package dev.kiln.internal.validate;

import static dev.kiln.ValueType.F64;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locals (parameters first, then declared locals) and globals. */
class VariableValidationTest {

    @Test
    void localsAreParametersThenDeclaredLocals() {
        TestModule module = new TestModule();
        module.function(module.type(List.of(I32), List.of(F64)), List.of(I64, F64),
                op(Op.LOCAL_GET, 0), op(Op.DROP), op(Op.LOCAL_GET, 1), op(Op.DROP), op(Op.LOCAL_GET, 2));
        module.assertValid();
    }

    @Test
    void localIndexBeyondTheLocalsIsUnknown() {
        TestModule module = new TestModule();
        module.function(module.type(List.of(I32), List.of()), List.of(I64), op(Op.LOCAL_GET, 2), op(Op.DROP));
        module.assertInvalid("unknown local 2");
    }

    @Test
    void localSetAndTeeCheckTheLocalType() {
        TestModule module = new TestModule();
        module.function(module.type(List.of(), List.of(I64)), List.of(I64),
                i64(1), op(Op.LOCAL_SET, 0), i64(2), op(Op.LOCAL_TEE, 0));
        module.assertValid();
        TestModule wrong = new TestModule();
        wrong.function(wrong.type(List.of(), List.of()), List.of(I64), i32(1), op(Op.LOCAL_SET, 0));
        wrong.assertInvalid("type mismatch");
    }

    @Test
    void localTeeResultHasTheLocalType() {
        TestModule module = new TestModule();
        module.function(module.type(List.of(), List.of(I32)), List.of(I64), i64(1), op(Op.LOCAL_TEE, 0));
        module.assertInvalid("type mismatch");
    }

    @Test
    void globalsAreImportsThenDefinitions() {
        TestModule module = new TestModule().importGlobal(I64, false).global(I32, true, i32(0));
        module.function(module.type(List.of(), List.of(I32)),
                op(Op.GLOBAL_GET, 0), op(Op.DROP), i32(5), op(Op.GLOBAL_SET, 1), op(Op.GLOBAL_GET, 1));
        module.assertValid();
    }

    @Test
    void unknownGlobalIsRejected() {
        TestModule module = new TestModule().global(I32, true, i32(0));
        module.function(module.type(List.of(), List.of(I32)), op(Op.GLOBAL_GET, 1));
        module.assertInvalid("unknown global 1");
    }

    @Test
    void immutableGlobalCannotBeSet() {
        TestModule module = new TestModule().global(I32, false, i32(0));
        module.function(module.type(List.of(), List.of()), i32(1), op(Op.GLOBAL_SET, 0));
        module.assertInvalid("global is immutable");
        TestModule imported = new TestModule().importGlobal(I32, false);
        imported.function(imported.type(List.of(), List.of()), i32(1), op(Op.GLOBAL_SET, 0));
        imported.assertInvalid("global is immutable");
    }

    @Test
    void globalSetChecksTheValueType() {
        TestModule module = new TestModule().global(I32, true, i32(0));
        module.function(module.type(List.of(), List.of()), i64(1), op(Op.GLOBAL_SET, 0));
        module.assertInvalid("type mismatch");
    }

    @Test
    void globalIndexClampedFromAHugeValueIsUnknown() {
        withFunction(List.of(I32), op(Op.GLOBAL_GET, Integer.MAX_VALUE)).assertInvalid("unknown global");
    }
}
