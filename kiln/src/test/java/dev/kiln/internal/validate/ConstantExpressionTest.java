package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.F32;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.ValueType.V128;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.f32;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;
import static dev.kiln.testing.Instructions.v128;

import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constant expressions in global initializers and segment offsets and items. */
class ConstantExpressionTest {

    @Test
    void constantsOfEveryKind() {
        TestModule module = new TestModule().global(I32, false, i32(1)).global(I64, true, i64(2))
                .global(F32, false, f32(3)).global(V128, false, v128()).global(EXTERNREF, false, refNull(EXTERNREF));
        module.function(module.type(List.of(), List.of()));
        module.global(FUNCREF, false, op(Op.REF_FUNC, 0));
        module.assertValid();
    }

    @Test
    void onlyConstantInstructionsAreAllowed() {
        new TestModule().global(F32, false, f32(0), op(Op.F32_NEG)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, i32(0), op(Op.NOP)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, op(Op.NOP)).assertInvalid("constant expression required");
        new TestModule().global(I32, false, op(Op.LOCAL_GET, 0)).assertInvalid("constant expression required");
    }

    @Test
    void exactlyOneValueOfTheGlobalType() {
        new TestModule().global(I32, false, f32(0)).assertInvalid("type mismatch");
        new TestModule().global(I32, false, i32(0), i32(0)).assertInvalid("type mismatch");
        new TestModule().global(I32, false).assertInvalid("type mismatch");
        new TestModule().global(FUNCREF, false, refNull(EXTERNREF)).assertInvalid("type mismatch");
    }

    @Test
    void globalGetReadsImportedImmutableGlobals() {
        new TestModule().importGlobal(I32, false).global(I32, false, op(Op.GLOBAL_GET, 0)).assertValid();
        new TestModule().importGlobal(EXTERNREF, false).global(FUNCREF, false, op(Op.GLOBAL_GET, 0))
                .assertInvalid("type mismatch");
    }

    @Test
    void globalGetOfAMutableImportIsNotConstant() {
        new TestModule().importGlobal(I32, true).global(I32, false, op(Op.GLOBAL_GET, 0))
                .assertInvalid("constant expression required");
    }

    @Test
    void globalGetOfAModuleGlobalIsUnknown() {
        new TestModule().global(I32, false, i32(0)).global(I32, false, op(Op.GLOBAL_GET, 0))
                .assertInvalid("unknown global 0");
        new TestModule().global(I32, false, op(Op.GLOBAL_GET, 0)).assertInvalid("unknown global 0");
        new TestModule().importGlobal(I32, false).global(I32, false, op(Op.GLOBAL_GET, 2))
                .assertInvalid("unknown global 2");
    }

    @Test
    void refFuncMustNameAFunction() {
        new TestModule().global(FUNCREF, false, op(Op.REF_FUNC, 0)).assertInvalid("unknown function 0");
    }

    @Test
    void segmentOffsetsAreI32Constants() {
        TestModule data = new TestModule().memory(1, NO_MAX).activeData(0, i64(0));
        data.assertInvalid("type mismatch");
        TestModule elements = new TestModule().table(FUNCREF, 1, NO_MAX)
                .element(SegmentMode.ACTIVE, 0, new Instruction[] {i32(0), op(Op.I32_EQZ)}, FUNCREF, new Instruction[0][]);
        elements.assertInvalid("constant expression required");
        new TestModule().memory(1, NO_MAX).importGlobal(I32, false).activeData(0, op(Op.GLOBAL_GET, 0)).assertValid();
    }

    @Test
    void elementItemsAreConstantsOfTheSegmentType() {
        new TestModule().element(SegmentMode.PASSIVE, 0, null, EXTERNREF, new Instruction[][] {{refNull(EXTERNREF)}})
                .assertValid();
        new TestModule().element(SegmentMode.PASSIVE, 0, null, EXTERNREF, new Instruction[][] {{refNull(FUNCREF)}})
                .assertInvalid("type mismatch");
        new TestModule().element(SegmentMode.PASSIVE, 0, null, FUNCREF, new Instruction[][] {{i32(0)}})
                .assertInvalid("type mismatch");
        new TestModule().element(SegmentMode.PASSIVE, 0, null, FUNCREF, new Instruction[][] {{op(Op.CALL, 0)}})
                .assertInvalid("constant expression required");
    }
}
