package dev.kiln.internal.validate;

import static dev.kiln.ValueType.F64;
import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.V128;
import static dev.kiln.internal.wasm.Limits.NO_MAX;
import static dev.kiln.testing.Instructions.f64;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.i64;
import static dev.kiln.testing.Instructions.lane;
import static dev.kiln.testing.Instructions.mem;
import static dev.kiln.testing.Instructions.memLane;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.shuffle;
import static dev.kiln.testing.Instructions.v128;
import static dev.kiln.testing.TestModule.withFunction;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Vector instructions: typing, lane indices, shuffle lanes, and vector memory access. */
class SimdValidationTest {

    private static TestModule withMemory(List<ValueType> results, Instruction... body) {
        TestModule module = new TestModule().memory(1, NO_MAX);
        module.function(module.type(List.of(), results), body);
        return module;
    }

    @Test
    void vectorArithmeticIsTyped() {
        withFunction(List.of(V128), v128(), v128(), op(Op.I8X16_ADD)).assertValid();
        withFunction(List.of(V128), v128(), v128(), v128(), op(Op.V128_BITSELECT)).assertValid();
        withFunction(List.of(V128), v128(), i32(3), op(Op.I64X2_SHL)).assertValid();
        withFunction(List.of(V128), i32(1), v128(), op(Op.I8X16_ADD)).assertInvalid("type mismatch");
        withFunction(List.of(I32), v128(), op(Op.V128_ANY_TRUE)).assertValid();
        withFunction(List.of(V128), i64(1), op(Op.I64X2_SPLAT)).assertValid();
        withFunction(List.of(V128), i32(1), op(Op.I64X2_SPLAT)).assertInvalid("type mismatch");
    }

    @Test
    void laneIndexIsBoundedByTheShape() {
        withFunction(List.of(I32), v128(), lane(Op.I8X16_EXTRACT_LANE_U, 15)).assertValid();
        withFunction(List.of(I32), v128(), lane(Op.I8X16_EXTRACT_LANE_U, 16)).assertInvalid("invalid lane index");
        withFunction(List.of(I32), v128(), lane(Op.I16X8_EXTRACT_LANE_S, 8)).assertInvalid("invalid lane index");
        withFunction(List.of(I32), v128(), lane(Op.I32X4_EXTRACT_LANE, 3)).assertValid();
        withFunction(List.of(I32), v128(), lane(Op.I32X4_EXTRACT_LANE, 4)).assertInvalid("invalid lane index");
        withFunction(List.of(F64), v128(), lane(Op.F64X2_EXTRACT_LANE, 1)).assertValid();
        withFunction(List.of(F64), v128(), lane(Op.F64X2_EXTRACT_LANE, 2)).assertInvalid("invalid lane index");
        withFunction(List.of(F64), v128(), lane(Op.F64X2_EXTRACT_LANE, 255)).assertInvalid("invalid lane index");
    }

    @Test
    void replaceLaneTakesTheLaneType() {
        withFunction(List.of(V128), v128(), i64(1), lane(Op.I64X2_REPLACE_LANE, 1)).assertValid();
        withFunction(List.of(V128), v128(), i32(1), lane(Op.I64X2_REPLACE_LANE, 1)).assertInvalid("type mismatch");
        withFunction(List.of(V128), v128(), f64(1), lane(Op.F64X2_REPLACE_LANE, 2)).assertInvalid("invalid lane index");
    }

    @Test
    void shuffleLanesIndexBothOperands() {
        int[] valid = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31};
        int[] invalid = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 32};
        int[] negativeByte = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 255};
        withFunction(List.of(V128), v128(), v128(), shuffle(valid)).assertValid();
        withFunction(List.of(V128), v128(), v128(), shuffle(invalid)).assertInvalid("invalid lane index");
        withFunction(List.of(V128), v128(), v128(), shuffle(negativeByte)).assertInvalid("invalid lane index");
    }

    @Test
    void vectorLoadsHaveNaturalAlignment() {
        withMemory(List.of(V128), i32(0), mem(Op.V128_LOAD, 4, 0)).assertValid();
        withMemory(List.of(V128), i32(0), mem(Op.V128_LOAD, 5, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(V128), i32(0), mem(Op.V128_LOAD8X8_S, 3, 0)).assertValid();
        withMemory(List.of(V128), i32(0), mem(Op.V128_LOAD8X8_S, 4, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(V128), i32(0), mem(Op.V128_LOAD16_SPLAT, 2, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(), i32(0), v128(), mem(Op.V128_STORE, 4, 0)).assertValid();
    }

    @Test
    void loadAndStoreLaneCheckLaneAndAlignment() {
        withMemory(List.of(V128), i32(0), v128(), memLane(Op.V128_LOAD8_LANE, 0, 15)).assertValid();
        withMemory(List.of(V128), i32(0), v128(), memLane(Op.V128_LOAD8_LANE, 0, 16))
                .assertInvalid("invalid lane index");
        withMemory(List.of(V128), i32(0), v128(), memLane(Op.V128_LOAD64_LANE, 3, 1)).assertValid();
        withMemory(List.of(V128), i32(0), v128(), memLane(Op.V128_LOAD64_LANE, 3, 2))
                .assertInvalid("invalid lane index");
        withMemory(List.of(V128), i32(0), v128(), memLane(Op.V128_LOAD32_LANE, 3, 0))
                .assertInvalid("alignment must not be larger than natural");
        withMemory(List.of(), i32(0), v128(), memLane(Op.V128_STORE16_LANE, 1, 7)).assertValid();
        withMemory(List.of(), i32(0), v128(), memLane(Op.V128_STORE16_LANE, 1, 8)).assertInvalid("invalid lane index");
    }

    @Test
    void vectorMemoryAccessNeedsAMemory() {
        withFunction(List.of(V128), i32(0), mem(Op.V128_LOAD, 4, 0)).assertInvalid("unknown memory 0");
    }
}
