package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.i32;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.testing.Instructions;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Module-level rules: types, limits, memories, exports, start, segments and section counts. */
class ModuleValidationTest {

    @Test
    void emptyModuleIsValid() {
        new TestModule().assertValid();
    }

    @Test
    void functionAndImportTypesMustExist() {
        TestModule function = new TestModule();
        function.function(0);
        function.assertInvalid("unknown type 0");
        TestModule importing = new TestModule();
        importing.importFunction(2);
        importing.assertInvalid("unknown type 2");
    }

    @Test
    void memoryLimits() {
        new TestModule().memory(0, 65536).assertValid();
        new TestModule().memory(2, 1).assertInvalid("size minimum must not be greater than maximum");
        new TestModule().memory(65537, NO_MAX).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().memory(0, 65537).assertInvalid("memory size must be at most 65536 pages (4GiB)");
        new TestModule().importMemory(3, 2).assertInvalid("size minimum must not be greater than maximum");
    }

    @Test
    void tableLimits() {
        new TestModule().table(FUNCREF, 0, 0xFFFF_FFFFL).assertValid();
        new TestModule().table(FUNCREF, 10, 1).assertInvalid("size minimum must not be greater than maximum");
        new TestModule().table(FUNCREF, 0x1_0000_0000L, NO_MAX).assertInvalid("table size must be at most 2^32-1");
        new TestModule().importTable(EXTERNREF, 5, 4).assertInvalid("size minimum must not be greater than maximum");
    }

    @Test
    void atMostOneMemory() {
        new TestModule().memory(1, NO_MAX).memory(1, NO_MAX).assertInvalid("multiple memories");
        new TestModule().importMemory(1, NO_MAX).memory(1, NO_MAX).assertInvalid("multiple memories");
    }

    @Test
    void severalTablesAreAllowed() {
        new TestModule().importTable(FUNCREF, 1, NO_MAX).table(EXTERNREF, 1, NO_MAX).table(FUNCREF, 0, 0).assertValid();
    }

    @Test
    void exportNamesAreUnique() {
        TestModule module = new TestModule().memory(1, NO_MAX).global(I32, false, i32(0));
        module.export("a", ExternalKind.MEMORY, 0).export("b", ExternalKind.GLOBAL, 0);
        module.assertValid();
        module.export("a", ExternalKind.GLOBAL, 0).assertInvalid("duplicate export name");
    }

    @Test
    void exportsNameExistingEntities() {
        new TestModule().export("f", ExternalKind.FUNCTION, 0).assertInvalid("unknown function 0");
        new TestModule().export("t", ExternalKind.TABLE, 0).assertInvalid("unknown table 0");
        new TestModule().export("m", ExternalKind.MEMORY, 0).assertInvalid("unknown memory 0");
        new TestModule().global(I32, true, i32(0)).export("g", ExternalKind.GLOBAL, 1).assertInvalid("unknown global 1");
    }

    @Test
    void startFunctionTakesAndReturnsNothing() {
        TestModule valid = new TestModule();
        valid.function(valid.type(List.of(), List.of()));
        valid.start(0).assertValid();
        TestModule withResult = new TestModule();
        withResult.function(withResult.type(List.of(), List.of(I32)), i32(0));
        withResult.start(0).assertInvalid("start function");
        TestModule withParam = new TestModule();
        withParam.importFunction(withParam.type(List.of(I32), List.of()));
        withParam.start(0).assertInvalid("start function");
        new TestModule().start(0).assertInvalid("unknown function 0");
    }

    @Test
    void activeElementSegmentMatchesItsTable() {
        TestModule module = new TestModule().table(EXTERNREF, 1, NO_MAX);
        module.function(module.type(List.of(), List.of()));
        module.activeElements(0, 0).assertInvalid("type mismatch");
        TestModule noTable = new TestModule();
        noTable.function(noTable.type(List.of(), List.of()));
        noTable.activeElements(0, 0).assertInvalid("unknown table 0");
        TestModule externs = new TestModule().table(EXTERNREF, 1, NO_MAX).element(SegmentMode.ACTIVE, 0,
                new Instruction[] {i32(0)}, EXTERNREF, new Instruction[][] {{Instructions.refNull(EXTERNREF)}});
        externs.assertValid();
    }

    @Test
    void elementItemsNameExistingFunctions() {
        new TestModule().declarativeElements(3).assertInvalid("unknown function 3");
    }

    @Test
    void activeDataSegmentNeedsItsMemory() {
        new TestModule().activeData(0, i32(0)).assertInvalid("unknown memory 0");
        new TestModule().memory(1, NO_MAX).activeData(0, i32(0)).passiveData().assertValid();
        new TestModule().passiveData().assertValid();
    }

    @Test
    void functionAndCodeSectionsAgree() {
        TestModule module = new TestModule();
        module.functionWithoutBody(module.type(List.of(), List.of()));
        module.assertRejected(CompileException.Reason.MALFORMED, "function and code section have inconsistent lengths");
    }

    @Test
    void dataCountAgreesWithTheDataSection() {
        new TestModule().passiveData().dataCount(1).assertValid();
        new TestModule().passiveData().dataCount(2)
                .assertRejected(CompileException.Reason.MALFORMED, "data count and data section have inconsistent lengths");
    }
}
