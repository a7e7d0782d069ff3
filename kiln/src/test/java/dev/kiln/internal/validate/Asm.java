package dev.kiln.internal.validate;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;

/**
 * Short factories for instructions in tests, with immediates where {@link Instruction} keeps
 * them. Offsets are 0 here; {@link TestModule} stamps real ones.
 */
final class Asm {

    private Asm() {}

    static Instruction op(Op op) {
        return Instruction.of(op, 0);
    }

    /** An instruction with one index immediate in {@code a}: label, local, global, table, ... */
    static Instruction op(Op op, int a) {
        return new Instruction(op, 0, a, 0, 0, null);
    }

    /** An instruction with two index immediates, in the order of {@link Instruction}. */
    static Instruction op(Op op, int a, int b) {
        return new Instruction(op, 0, a, b, 0, null);
    }

    static Instruction i32(int value) {
        return new Instruction(Op.I32_CONST, 0, 0, 0, value, null);
    }

    static Instruction i64(long value) {
        return new Instruction(Op.I64_CONST, 0, 0, 0, value, null);
    }

    static Instruction f32(float value) {
        return new Instruction(Op.F32_CONST, 0, 0, 0, Float.floatToRawIntBits(value) & 0xFFFFFFFFL, null);
    }

    static Instruction f64(double value) {
        return new Instruction(Op.F64_CONST, 0, 0, 0, Double.doubleToRawLongBits(value), null);
    }

    static Instruction v128() {
        return new Instruction(Op.V128_CONST, 0, 0, 0, 0, new byte[16]);
    }

    static Instruction block(Op op, BlockType type) {
        return new Instruction(op, 0, 0, 0, 0, type);
    }

    static Instruction block(Op op) {
        return block(op, BlockType.EMPTY);
    }

    static Instruction block(Op op, ValueType result) {
        return block(op, BlockType.of(result));
    }

    /** {@code br_table}: the targets, the default last. */
    static Instruction brTable(int... labels) {
        return new Instruction(Op.BR_TABLE, 0, 0, 0, 0, labels);
    }

    static Instruction selectTyped(ValueType... types) {
        return new Instruction(Op.SELECT_T, 0, 0, 0, 0, types);
    }

    static Instruction refNull(ValueType type) {
        return new Instruction(Op.REF_NULL, 0, 0, 0, 0, type);
    }

    /** A load or store: alignment exponent and offset. */
    static Instruction mem(Op op, int align, long offset) {
        return new Instruction(op, 0, align, 0, offset, null);
    }

    static Instruction memLane(Op op, int align, int lane) {
        return new Instruction(op, 0, align, lane, 0, null);
    }

    static Instruction lane(Op op, int lane) {
        return new Instruction(op, 0, lane, 0, 0, null);
    }

    static Instruction shuffle(int... lanes) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) lanes[i];
        }
        return new Instruction(Op.I8X16_SHUFFLE, 0, 0, 0, 0, bytes);
    }

    static Instruction end() {
        return op(Op.END);
    }
}
