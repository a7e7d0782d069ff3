package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.F32;
import static dev.kiln.ValueType.I32;
import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.f32;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.internal.wasm.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** After unreachable, br, br_table or return the stack is polymorphic: missing operands are unknown. */
class UnreachableValidationTest {

    @Test
    void missingOperandsAreUnknownAfterUnreachable() {
        withFunction(List.of(I32), op(Op.UNREACHABLE), op(Op.I32_ADD)).assertValid();
        withFunction(List.of(I32), i32(1), op(Op.RETURN), op(Op.I32_ADD)).assertValid();
        withFunction(List.of(I32), i32(1), op(Op.BR, 0), op(Op.I32_ADD)).assertValid();
    }

    @Test
    void theBranchItselfStillNeedsItsOperands() {
        withFunction(List.of(I32), op(Op.RETURN), op(Op.I32_ADD)).assertInvalid("type mismatch");
        withFunction(List.of(I32), op(Op.BR, 0), op(Op.I32_ADD)).assertInvalid("type mismatch");
    }

    @Test
    void knownOperandsAreStillChecked() {
        withFunction(List.of(I32), op(Op.UNREACHABLE), i64(0), op(Op.I32_ADD)).assertInvalid("type mismatch");
        withFunction(List.of(I32), op(Op.UNREACHABLE), i64(0)).assertInvalid("type mismatch");
    }

    @Test
    void valuesLeftAfterUnreachableMustMatchTheResults() {
        withFunction(List.of(), op(Op.UNREACHABLE), i32(0)).assertInvalid("type mismatch");
        withFunction(List.of(I32), op(Op.UNREACHABLE), i32(0)).assertValid();
    }

    @Test
    void polymorphismEndsAtTheFrame() {
        withFunction(List.of(), op(Op.UNREACHABLE), block(Op.BLOCK), op(Op.DROP), end())
                .assertInvalid("type mismatch");
        withFunction(List.of(), block(Op.BLOCK), op(Op.UNREACHABLE), end(), op(Op.DROP))
                .assertInvalid("type mismatch");
    }

    @Test
    void enclosingFrameStaysPolymorphicAfterANestedBlock() {
        withFunction(List.of(I32), op(Op.UNREACHABLE), block(Op.BLOCK), end(), op(Op.I32_ADD)).assertValid();
        withFunction(List.of(I32), op(Op.UNREACHABLE), block(Op.BLOCK, I32), i32(1), end(), op(Op.I32_ADD))
                .assertValid();
    }

    @Test
    void blockResultMayComeFromUnreachableCode() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), op(Op.UNREACHABLE), end()).assertValid();
    }

    @Test
    void brIfInUnreachableCodePushesTheLabelTypes() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), op(Op.UNREACHABLE), op(Op.BR_IF, 0), end()).assertValid();
        withFunction(List.of(I32), block(Op.BLOCK, I32), op(Op.UNREACHABLE), op(Op.BR_IF, 0), op(Op.I64_EQZ), end())
                .assertInvalid("type mismatch");
    }

    @Test
    void selectOfUnknownsIsUnknown() {
        withFunction(List.of(), op(Op.UNREACHABLE), op(Op.SELECT), op(Op.I32_EQZ), op(Op.DROP)).assertValid();
        withFunction(List.of(), op(Op.UNREACHABLE), op(Op.SELECT), op(Op.REF_IS_NULL), op(Op.DROP)).assertValid();
        withFunction(List.of(), op(Op.UNREACHABLE), f32(0), i32(0), op(Op.SELECT), op(Op.DROP)).assertValid();
    }

    @Test
    void selectInUnreachableCodeStillChecksKnownTypes() {
        withFunction(List.of(), op(Op.UNREACHABLE), i32(0), i64(0), i32(0), op(Op.SELECT), op(Op.DROP))
                .assertInvalid("type mismatch");
        withFunction(List.of(), op(Op.UNREACHABLE), i32(0), i64(0), op(Op.SELECT), op(Op.DROP))
                .assertInvalid("type mismatch");
        withFunction(List.of(), op(Op.UNREACHABLE), refNull(EXTERNREF), i32(1), op(Op.SELECT), op(Op.DROP))
                .assertInvalid("type mismatch");
    }

    @Test
    void unknownSelectResultTakesTheKnownOperandType() {
        withFunction(List.of(F32), op(Op.UNREACHABLE), f32(0), i32(1), op(Op.SELECT)).assertValid();
        withFunction(List.of(I32), op(Op.UNREACHABLE), f32(0), i32(1), op(Op.SELECT)).assertInvalid("type mismatch");
    }
}
