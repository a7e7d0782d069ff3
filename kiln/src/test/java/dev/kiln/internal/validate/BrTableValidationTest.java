package dev.kiln.internal.validate;

import static dev.kiln.ValueType.F32;
import static dev.kiln.ValueType.F64;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.brTable;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.f32;
import static dev.kiln.testing.Instructions.f64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** br_table: every target must accept the operands (WebAssembly 2.0 rule). */
class BrTableValidationTest {

    @Test
    void targetsWithoutValues() {
        withFunction(List.of(), block(Op.BLOCK), block(Op.BLOCK), i32(0), brTable(0, 1, 0), end(), end()).assertValid();
    }

    @Test
    void targetsSharingAResultType() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), i32(7), i32(0), brTable(0, 1, 0), end()).assertValid();
    }

    @Test
    void indexOperandIsRequired() {
        withFunction(List.of(), block(Op.BLOCK), brTable(0), end()).assertInvalid("type mismatch");
        withFunction(List.of(), block(Op.BLOCK), i64(0), brTable(0), end()).assertInvalid("type mismatch");
    }

    @Test
    void targetsMustHaveTheSameArity() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), block(Op.BLOCK), i32(1), i32(0), brTable(0, 1),
                end(), i32(2), end()).assertInvalid("type mismatch");
    }

    @Test
    void everyTargetMustAcceptTheOperand() {
        withFunction(List.of(I64), block(Op.BLOCK, I64), block(Op.BLOCK, I32), i32(7), i32(0), brTable(0, 1), end(),
                op(Op.DROP), i64(0), end()).assertInvalid("type mismatch");
    }

    @Test
    void aNonDefaultTargetMustAcceptTheOperandToo() {
        withFunction(List.of(I64), block(Op.BLOCK, I64), block(Op.BLOCK, I32), i32(7), i32(0), brTable(1, 0), end(),
                op(Op.DROP), i64(0), end()).assertInvalid("type mismatch");
        withFunction(List.of(I64), block(Op.BLOCK, I64), block(Op.BLOCK, I32), i32(7), i32(0), brTable(0, 1, 0, 0),
                end(), op(Op.DROP), i64(0), end()).assertInvalid("type mismatch");
    }

    @Test
    void unreachableOperandsMayMeetDifferentTargetTypes() {
        withFunction(List.of(), block(Op.BLOCK, F64), block(Op.BLOCK, F32), op(Op.UNREACHABLE), i32(1),
                brTable(0, 1, 1), end(), op(Op.DROP), f64(0), end(), op(Op.DROP)).assertValid();
    }

    @Test
    void knownOperandInUnreachableCodeMustSuitEveryTarget() {
        withFunction(List.of(), block(Op.BLOCK, F64), block(Op.BLOCK, F32), op(Op.UNREACHABLE), f32(0), i32(1),
                brTable(0, 1), end(), op(Op.DROP), f64(0), end(), op(Op.DROP)).assertInvalid("type mismatch");
        withFunction(List.of(), block(Op.BLOCK, F64), block(Op.BLOCK, F32), op(Op.UNREACHABLE), f32(0), i32(1),
                brTable(1, 0), end(), op(Op.DROP), f64(0), end(), op(Op.DROP)).assertInvalid("type mismatch");
    }

    @Test
    void targetLabelsMustExist() {
        withFunction(List.of(), block(Op.BLOCK), i32(0), brTable(0, 2), end()).assertInvalid("unknown label 2");
        withFunction(List.of(), block(Op.BLOCK), i32(0), brTable(5, 0), end()).assertInvalid("unknown label 5");
    }

    @Test
    void loopTargetTakesTheLoopParameters() {
        TestModule module = new TestModule();
        int loopType = module.type(List.of(I32), List.of());
        module.function(module.type(List.of(), List.of()), block(Op.BLOCK), i32(1),
                block(Op.LOOP, BlockType.ofIndex(loopType)), i32(0), brTable(0, 0), end(), end());
        module.assertValid();
    }

    @Test
    void codeAfterBrTableIsUnreachable() {
        withFunction(List.of(I32), block(Op.BLOCK), i32(0), brTable(0), op(Op.I32_ADD), op(Op.DROP), end(), i32(1))
                .assertValid();
    }
}
