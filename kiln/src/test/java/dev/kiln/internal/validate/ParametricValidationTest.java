package dev.kiln.internal.validate;

import static dev.kiln.ValueType.EXTERNREF;
import static dev.kiln.ValueType.FUNCREF;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.ValueType.V128;
import static dev.kiln.testing.Instructions.f32;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;
import static dev.kiln.testing.Instructions.selectTyped;
import static dev.kiln.testing.Instructions.v128;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.internal.wasm.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drop, select and typed select. */
class ParametricValidationTest {

    @Test
    void dropNeedsAnOperand() {
        withFunction(List.of(), i32(1), op(Op.DROP)).assertValid();
        withFunction(List.of(), op(Op.DROP)).assertInvalid("type mismatch");
    }

    @Test
    void selectOnNumbersAndVectors() {
        withFunction(List.of(I64), i64(1), i64(2), i32(0), op(Op.SELECT)).assertValid();
        withFunction(List.of(V128), v128(), v128(), i32(0), op(Op.SELECT)).assertValid();
    }

    @Test
    void selectOperandsMustAgree() {
        withFunction(List.of(), i32(1), i64(2), i32(0), op(Op.SELECT), op(Op.DROP)).assertInvalid("type mismatch");
        withFunction(List.of(), i32(1), f32(2), i32(0), op(Op.SELECT), op(Op.DROP)).assertInvalid("type mismatch");
    }

    @Test
    void selectNeedsAnI32Condition() {
        withFunction(List.of(), i32(1), i32(2), i64(0), op(Op.SELECT), op(Op.DROP)).assertInvalid("type mismatch");
        withFunction(List.of(), i32(1), i32(0), op(Op.SELECT), op(Op.DROP)).assertInvalid("type mismatch");
    }

    @Test
    void untypedSelectRejectsReferences() {
        withFunction(List.of(), refNull(EXTERNREF), refNull(EXTERNREF), i32(1), op(Op.SELECT), op(Op.DROP))
                .assertInvalid("type mismatch");
    }

    @Test
    void typedSelectAcceptsReferences() {
        withFunction(List.of(FUNCREF), refNull(FUNCREF), refNull(FUNCREF), i32(1), selectTyped(FUNCREF)).assertValid();
    }

    @Test
    void typedSelectChecksItsOperands() {
        withFunction(List.of(), refNull(FUNCREF), refNull(EXTERNREF), i32(1), selectTyped(FUNCREF), op(Op.DROP))
                .assertInvalid("type mismatch");
    }

    @Test
    void typedSelectTakesExactlyOneType() {
        withFunction(List.of(), i32(1), i32(2), i32(1), selectTyped(), op(Op.DROP)).assertInvalid("invalid result arity");
        withFunction(List.of(), i32(1), i32(2), i32(1), selectTyped(I32, I32), op(Op.DROP))
                .assertInvalid("invalid result arity");
    }
}
