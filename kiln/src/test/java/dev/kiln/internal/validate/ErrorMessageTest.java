package dev.kiln.internal.validate;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages say where: which function (and its name), which instruction, which byte offset. */
class ErrorMessageTest {

    @Test
    void bodyErrorNamesFunctionInstructionAndOffset() {
        TestModule module = new TestModule();
        int type = module.type(List.of(), List.of(I32));
        module.importFunction(type);
        module.function(type, i32(1), i64(2), op(Op.I32_ADD));
        module.name(1, "adder");
        CompileException e = module.assertInvalid("type mismatch");
        assertEquals("function 1 (adder): type mismatch at instruction i32.add (at byte offset 1002)", e.getMessage());
        assertEquals(TestModule.BODY_BASE + 2, e.offset());
        assertEquals(CompileException.Reason.INVALID, e.reason());
    }

    @Test
    void unnamedFunctionHasJustItsIndex() {
        TestModule module = new TestModule();
        int type = module.type(List.of(), List.of());
        module.function(type);
        module.function(type, op(Op.LOCAL_GET, 0), op(Op.DROP));
        CompileException e = module.assertInvalid("unknown local 0");
        assertEquals("function 1: unknown local 0 at instruction local.get (at byte offset 2000)", e.getMessage());
    }

    @Test
    void constantExpressionErrorNamesTheGlobal() {
        CompileException e = new TestModule().importGlobal(I64, false).global(I32, false, i32(0), op(Op.I32_EQZ))
                .assertInvalid("constant expression required");
        assertEquals("global 1: constant expression required at instruction i32.eqz (at byte offset 1)", e.getMessage());
    }

    @Test
    void moduleLevelErrorWithoutInstructionHasNoOffset() {
        CompileException e = new TestModule().memory(1, 1).memory(1, 1).assertInvalid("multiple memories");
        assertEquals(-1, e.offset());
        TestModule exports = new TestModule().memory(1, 1).export("x", ExternalKind.MEMORY, 0)
                .export("x", ExternalKind.MEMORY, 0);
        assertEquals("export \"x\": duplicate export name", exports.assertInvalid("duplicate export name").getMessage());
    }
}
