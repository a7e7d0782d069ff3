package dev.kiln.internal.binary;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;

/** Encodes instructions: the inverse of {@link InstructionReader}. */
final class InstructionWriter {

    private InstructionWriter() {}

    /** Writes a sequence as is; it already contains its {@code else}s and {@code end}s. */
    static void write(ByteWriter out, Instruction[] code) {
        for (Instruction insn : code) {
            write(out, insn);
        }
    }

    static void write(ByteWriter out, Instruction insn) {
        opcode(out, insn.op());
        immediates(out, insn);
    }

    private static void opcode(ByteWriter out, Op op) {
        int code = op.code();
        if (code < 0x100) {
            out.u8(code);
        } else {
            out.u8(code >>> 12);
            out.u32(code & 0xFFF);
        }
    }

    private static void immediates(ByteWriter out, Instruction insn) {
        switch (insn.op().immediate()) {
            case NONE -> { }
            case BLOCK_TYPE -> blockType(out, insn.blockType());
            case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE, ELEMENT, DATA -> out.u32(insn.a());
            // In 2.0 the memory index is a reserved zero byte; u32 0 is that same byte.
            case MEMORY -> out.u32(insn.a());
            case BR_TABLE -> branchTable(out, insn.branchTable());
            case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> {
                out.u32(insn.a());
                out.u32(insn.b());
            }
            case SELECT_TYPES -> valueTypes(out, (ValueType[]) insn.data());
            case MEMARG -> memarg(out, insn);
            case MEMARG_LANE -> {
                memarg(out, insn);
                out.u8(insn.b());
            }
            case I32 -> out.signed((int) insn.c());
            case I64 -> out.signed(insn.c());
            case F32 -> out.fixed32((int) insn.c());
            case F64 -> out.fixed64(insn.c());
            case V128, SHUFFLE -> out.bytes(insn.bytes());
            case LANE -> out.u8(insn.a());
            case REF_TYPE -> out.u8(((ValueType) insn.data()).code());
        }
    }

    /** 0x40 for empty, the value type byte for one result, else the type index as s33. */
    static void blockType(ByteWriter out, BlockType type) {
        if (type.isIndex()) {
            out.signed(type.typeIndex());
        } else if (type.result() == null) {
            out.u8(TypeReader.EMPTY_BLOCK);
        } else {
            out.u8(type.result().code());
        }
    }

    private static void branchTable(ByteWriter out, int[] targets) {
        out.u32(targets.length - 1);
        for (int target : targets) {
            out.u32(target);
        }
    }

    static void valueTypes(ByteWriter out, ValueType[] types) {
        out.u32(types.length);
        for (ValueType t : types) {
            out.u8(t.code());
        }
    }

    private static void memarg(ByteWriter out, Instruction insn) {
        out.u32(insn.a());
        out.u32(insn.c());
    }
}
