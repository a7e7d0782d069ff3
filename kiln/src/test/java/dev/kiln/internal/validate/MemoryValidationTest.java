package dev.kiln.internal.validate;

import static dev.kiln.ValueType.F64;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.f64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.mem;
import static dev.kiln.testing.Instructions.op;

import dev.kiln.CompileException;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads, stores, alignment, memory.size/grow/fill/copy/init and data.drop. */
class MemoryValidationTest {

    private static TestModule withMemory(List<ValueType> results, Instruction... body) {
        TestModule module = new TestModule().memory(1, NO_MAX);
        module.function(module.type(List.of(), results), body);
        return module;
    }

    private static TestModule withoutMemory(List<ValueType> results, Instruction... body) {
        TestModule module = new TestModule();
        module.function(module.type(List.of(), results), body);
        return module;
    }

    @Test
    void loadsAndStoresAreTyped() {
        withMemory(List.of(I64), i32(0), mem(Op.I64_LOAD32_U, 2, 8)).assertValid();
        withMemory(List.of(), i32(0), f64(1), mem(Op.F64_STORE, 3, 0)).assertValid();
        withMemory(List.of(), f64(1), i32(0), mem(Op.F64_STORE, 3, 0)).assertInvalid("type mismatch");
        withMemory(List.of(I32), i64(0), mem(Op.I32_LOAD, 2, 0)).assertInvalid("type mismatch");
    }

    @Test
    void alignmentMayNotExceedTheAccessWidth() {
        withMemory(List.of(I32), i32(0), mem(Op.I32_LOAD, 2, 0)).assertValid();
        withMemory(List.of(I32), i32(0), mem(Op.I32_LOAD, 3, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(I64), i32(0), mem(Op.I64_LOAD8_S, 0, 0)).assertValid();
        withMemory(List.of(I64), i32(0), mem(Op.I64_LOAD8_S, 1, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(), i32(0), i64(0), mem(Op.I64_STORE16, 2, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(I32), i32(0), mem(Op.I32_LOAD, 31, 0))
                .assertInvalid("alignment must not be larger than natural");
    }

    @Test
    void memoryInstructionsNeedAMemory() {
        withoutMemory(List.of(I32), i32(0), mem(Op.I32_LOAD, 2, 0)).assertInvalid("unknown memory 0");
        withoutMemory(List.of(I32), op(Op.MEMORY_SIZE, 0)).assertInvalid("unknown memory 0");
        withoutMemory(List.of(I32), i32(1), op(Op.MEMORY_GROW, 0)).assertInvalid("unknown memory 0");
        withoutMemory(List.of(), i32(0), i32(0), i32(0), op(Op.MEMORY_FILL, 0)).assertInvalid("unknown memory 0");
        withoutMemory(List.of(), i32(0), i32(0), i32(0), op(Op.MEMORY_COPY, 0, 0)).assertInvalid("unknown memory 0");
    }

    @Test
    void anImportedMemoryCounts() {
        TestModule module = new TestModule().importMemory(1, 2);
        module.function(module.type(List.of(), List.of(F64)), i32(0), mem(Op.F64_LOAD, 3, 0));
        module.assertValid();
    }

    @Test
    void sizeGrowFillAndCopy() {
        withMemory(List.of(I32), op(Op.MEMORY_SIZE, 0)).assertValid();
        withMemory(List.of(I32), i32(1), op(Op.MEMORY_GROW, 0)).assertValid();
        withMemory(List.of(I32), i64(1), op(Op.MEMORY_GROW, 0)).assertInvalid("type mismatch");
        withMemory(List.of(), i32(0), i32(0), i32(0), op(Op.MEMORY_FILL, 0)).assertValid();
        withMemory(List.of(), i32(0), i32(0), op(Op.MEMORY_FILL, 0)).assertInvalid("type mismatch");
        withMemory(List.of(), i32(0), i32(0), i32(0), op(Op.MEMORY_COPY, 0, 0)).assertValid();
    }

    @Test
    void initAndDropNameDataSegmentsWithinTheDataCount() {
        TestModule module = new TestModule().memory(1, NO_MAX).passiveData().dataCount(1);
        module.function(module.type(List.of(), List.of()),
                i32(0), i32(0), i32(1), op(Op.MEMORY_INIT, 0, 0), op(Op.DATA_DROP, 0));
        module.assertValid();
        TestModule beyond = new TestModule().memory(1, NO_MAX).passiveData().dataCount(1);
        beyond.function(beyond.type(List.of(), List.of()), op(Op.DATA_DROP, 1));
        beyond.assertInvalid("unknown data segment 1");
        TestModule noMemory = new TestModule().passiveData().dataCount(1);
        noMemory.function(noMemory.type(List.of(), List.of()), i32(0), i32(0), i32(1), op(Op.MEMORY_INIT, 0, 0));
        noMemory.assertInvalid("unknown memory 0");
    }

    @Test
    void dataIndicesNeedTheDataCountSection() {
        TestModule module = new TestModule().memory(1, NO_MAX).passiveData();
        module.function(module.type(List.of(), List.of()), op(Op.DATA_DROP, 0));
        module.assertRejected(CompileException.Reason.MALFORMED, "data count section required");
        TestModule empty = new TestModule();
        empty.function(empty.type(List.of(), List.of()), op(Op.DATA_DROP, 0));
        empty.assertInvalid("unknown data segment 0");
    }
}
