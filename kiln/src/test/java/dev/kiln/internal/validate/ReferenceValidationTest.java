package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ref.null, ref.is_null, and ref.func with its declaration rule. */
class ReferenceValidationTest {

    @Test
    void refNullHasItsType() {
        withFunction(List.of(EXTERNREF), refNull(EXTERNREF)).assertValid();
        withFunction(List.of(FUNCREF), refNull(EXTERNREF)).assertInvalid("type mismatch");
    }

    @Test
    void refIsNullTakesAnyReference() {
        withFunction(List.of(I32), refNull(FUNCREF), op(Op.REF_IS_NULL)).assertValid();
        withFunction(List.of(I32), i32(0), op(Op.REF_IS_NULL)).assertInvalid("type mismatch");
        withFunction(List.of(I32), op(Op.REF_IS_NULL)).assertInvalid("type mismatch");
    }

    /** A module whose function 0 takes a reference to function 1. */
    private static TestModule referencing() {
        TestModule module = new TestModule();
        int type = module.type(List.of(), List.of(FUNCREF));
        module.function(type, op(Op.REF_FUNC, 1));
        module.function(type, refNull(FUNCREF));
        return module;
    }

    @Test
    void functionDeclaredInAnActiveElementSegment() {
        referencing().table(FUNCREF, 1, NO_MAX).activeElements(0, 1).assertValid();
    }

    @Test
    void functionDeclaredInADeclarativeElementSegment() {
        referencing().declarativeElements(1).assertValid();
    }

    @Test
    void functionDeclaredByAnExport() {
        referencing().export("f", ExternalKind.FUNCTION, 1).assertValid();
    }

    @Test
    void functionDeclaredInAGlobalInitializer() {
        referencing().global(FUNCREF, false, op(Op.REF_FUNC, 1)).assertValid();
    }

    @Test
    void undeclaredFunctionIsRejected() {
        referencing().assertInvalid("undeclared function reference");
        referencing().declarativeElements(0).assertInvalid("undeclared function reference");
    }

    @Test
    void startSectionAndFunctionBodiesDoNotDeclare() {
        TestModule module = new TestModule();
        int empty = module.type(List.of(), List.of());
        module.function(empty, op(Op.REF_FUNC, 1), op(Op.DROP));
        module.function(empty, op(Op.REF_FUNC, 1), op(Op.DROP));
        module.start(1);
        module.assertInvalid("undeclared function reference");
    }

    @Test
    void refFuncOfUnknownFunctionIsRejected() {
        withFunction(List.of(FUNCREF), op(Op.REF_FUNC, 7)).assertInvalid("unknown function 7");
    }
}
