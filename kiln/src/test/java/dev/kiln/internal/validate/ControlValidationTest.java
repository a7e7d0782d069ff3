package dev.kiln.internal.validate;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.TestModule.withFunction;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.CompileException;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** block, loop, if/else/end, br, br_if and return, including multi-value block types. */
class ControlValidationTest {

    @Test
    void blockProducesItsResult() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), i32(1), end()).assertValid();
    }

    @Test
    void blockResultOfWrongTypeIsRejected() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), i64(1), end()).assertInvalid("type mismatch");
    }

    @Test
    void blockMayNotLeaveExtraValues() {
        withFunction(List.of(), block(Op.BLOCK), i32(1), end()).assertInvalid("type mismatch");
    }

    @Test
    void blockCannotPopValuesOfTheEnclosingBlock() {
        withFunction(List.of(), i32(1), block(Op.BLOCK), op(Op.DROP), end(), op(Op.DROP))
                .assertInvalid("type mismatch");
    }

    @Test
    void multiValueBlockTakesParametersFromTheStack() {
        TestModule module = new TestModule();
        int pair = module.type(List.of(I32, I32), List.of(I32, I64));
        int main = module.type(List.of(), List.of(I32, I64));
        module.function(main, i32(1), i32(2), block(Op.BLOCK, BlockType.ofIndex(pair)),
                op(Op.I32_ADD), i64(3), end());
        module.assertValid();
    }

    @Test
    void multiValueBlockWithMissingParameterIsRejected() {
        TestModule module = new TestModule();
        int pair = module.type(List.of(I32, I32), List.of(I32));
        int main = module.type(List.of(), List.of(I32));
        module.function(main, i32(1), block(Op.BLOCK, BlockType.ofIndex(pair)), op(Op.I32_ADD), end());
        module.assertInvalid("type mismatch");
    }

    @Test
    void blockTypeIndexMustExist() {
        withFunction(List.of(), block(Op.BLOCK, BlockType.ofIndex(5)), end()).assertInvalid("unknown type");
    }

    @Test
    void branchToLoopCarriesItsParameters() {
        TestModule module = new TestModule();
        int loopType = module.type(List.of(I32), List.of(I32));
        int main = module.type(List.of(), List.of(I32));
        module.function(main, i32(0), block(Op.LOOP, BlockType.ofIndex(loopType)), i32(1), op(Op.BR_IF, 0), end());
        module.assertValid();
    }

    @Test
    void branchToLoopWithoutItsParametersIsRejected() {
        TestModule module = new TestModule();
        int loopType = module.type(List.of(I32), List.of());
        module.function(module.type(List.of(), List.of()),
                i32(0), block(Op.LOOP, BlockType.ofIndex(loopType)), op(Op.DROP), op(Op.BR, 0), end());
        module.assertInvalid("type mismatch");
    }

    @Test
    void branchToBlockCarriesItsResults() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), i32(1), op(Op.BR, 0), end()).assertValid();
        withFunction(List.of(I32), block(Op.BLOCK, I32), i64(1), op(Op.BR, 0), end()).assertInvalid("type mismatch");
    }

    @Test
    void branchToTheFunctionLabelReturns() {
        withFunction(List.of(I32), i32(1), op(Op.BR, 0)).assertValid();
    }

    @Test
    void unknownLabelIsRejected() {
        withFunction(List.of(), op(Op.BR, 1)).assertInvalid("unknown label 1");
        withFunction(List.of(), block(Op.BLOCK), i32(0), op(Op.BR_IF, 2), end()).assertInvalid("unknown label");
    }

    @Test
    void brIfNeedsCondition() {
        withFunction(List.of(), block(Op.BLOCK), op(Op.BR_IF, 0), end()).assertInvalid("type mismatch");
    }

    @Test
    void brIfLeavesTheBranchValues() {
        withFunction(List.of(I32), block(Op.BLOCK, I32), i32(7), i32(1), op(Op.BR_IF, 0), end()).assertValid();
    }

    @Test
    void ifWithElseChecksBothBranches() {
        withFunction(List.of(I32), i32(1), block(Op.IF, I32), i32(2), op(Op.ELSE), i32(3), end()).assertValid();
        withFunction(List.of(I32), i32(1), block(Op.IF, I32), i32(2), op(Op.ELSE), i64(3), end())
                .assertInvalid("type mismatch");
    }

    @Test
    void ifWithoutElseMustNotProduceResults() {
        withFunction(List.of(I32), i32(1), block(Op.IF, I32), i32(2), end()).assertInvalid("type mismatch");
    }

    @Test
    void ifWithoutElseMayPassItsParametersThrough() {
        TestModule module = new TestModule();
        int same = module.type(List.of(I32), List.of(I32));
        module.function(module.type(List.of(), List.of(I32)),
                i32(5), i32(1), block(Op.IF, BlockType.ofIndex(same)), end());
        module.assertValid();
    }

    @Test
    void ifNeedsAnI32Condition() {
        withFunction(List.of(), i64(1), block(Op.IF), end()).assertInvalid("type mismatch");
    }

    @Test
    void elseBranchGetsTheParametersAgain() {
        TestModule module = new TestModule();
        int negate = module.type(List.of(I32), List.of(I32));
        module.function(module.type(List.of(), List.of(I32)), i32(5), i32(1), block(Op.IF, BlockType.ofIndex(negate)),
                i32(1), op(Op.I32_ADD), op(Op.ELSE), i32(2), op(Op.I32_MUL), end());
        module.assertValid();
    }

    @Test
    void elseOutsideIfIsRejected() {
        withFunction(List.of(), block(Op.BLOCK), op(Op.ELSE), end()).assertInvalid("else without matching if");
    }

    @Test
    void returnChecksTheFunctionResults() {
        withFunction(List.of(I64), i64(1), op(Op.RETURN)).assertValid();
        withFunction(List.of(I64), block(Op.BLOCK), i64(1), op(Op.RETURN), end(), i64(2)).assertValid();
        withFunction(List.of(I64), i32(1), op(Op.RETURN)).assertInvalid("type mismatch");
    }

    @Test
    void functionMustProduceItsResults() {
        CompileException e = withFunction(List.of(I32)).assertInvalid("type mismatch");
        assertEquals(TestModule.BODY_BASE, e.offset(), "reported at the final end");
    }

    @Test
    void deepNestingDoesNotOverflowTheJavaStack() {
        int depth = 200_000;
        Instruction[] body = new Instruction[depth * 2];
        for (int i = 0; i < depth; i++) {
            body[i] = block(Op.BLOCK);
            body[depth + i] = end();
        }
        FunctionFacts facts = withFunction(List.of(), body).assertValid();
        assertEquals(depth + 1, facts.maxControlDepth(0));
    }

    @Test
    void bodyWithoutFinalEndIsMalformed() {
        TestModule module = new TestModule();
        module.rawFunction(module.type(List.of(), List.of()), op(Op.NOP));
        module.assertRejected(CompileException.Reason.MALFORMED, "END opcode expected");
    }

    @Test
    void instructionsAfterFinalEndAreMalformed() {
        TestModule module = new TestModule();
        module.rawFunction(module.type(List.of(), List.of()), end(), op(Op.NOP));
        module.assertRejected(CompileException.Reason.MALFORMED, "operators remaining after end of function");
    }
}
