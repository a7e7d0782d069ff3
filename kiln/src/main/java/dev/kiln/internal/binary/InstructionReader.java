package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import java.util.Arrays;

/**
 * Decodes instruction sequences: function bodies and constant expressions.
 *
 * <p>Nesting is tracked with an explicit stack of open blocks rather than by recursion, so
 * deeply nested code cannot overflow the Java stack. A sequence ends at the {@code end} that
 * closes depth zero; {@code else} is accepted only directly inside an {@code if} that has not had
 * one yet. One reader is reused for every expression of a module, so its buffers are allocated
 * once.
 */
final class InstructionReader {

    private static final byte PLAIN_BLOCK = 0;
    private static final byte OPEN_IF = 1;
    private static final byte IF_WITH_ELSE = 2;

    private Instruction[] buffer = new Instruction[256];
    private int count;
    private byte[] openBlocks = new byte[16];
    private boolean dataCountPresent = true;

    /**
     * Whether the module has a data count section. Without one, function bodies may not use
     * {@code memory.init} or {@code data.drop}: the binary format requires the count to be known
     * before the code section for single-pass validation.
     */
    void setDataCountPresent(boolean present) {
        dataCountPresent = present;
    }

    /** Reads instructions up to and including the {@code end} that closes the sequence. */
    Instruction[] expression(ByteReader in) {
        count = 0;
        int depth = 0;
        while (true) {
            if (in.atLimit()) { // the body's size field cut it short
                throw malformed(in.position(), "unexpected end of section or function: END opcode expected");
            }
            Instruction insn = instruction(in);
            append(insn);
            switch (insn.op()) {
                case BLOCK, LOOP -> depth = open(depth, PLAIN_BLOCK);
                case IF -> depth = open(depth, OPEN_IF);
                case ELSE -> enterElse(depth, insn.offset());
                case END -> {
                    if (depth == 0) {
                        return Arrays.copyOf(buffer, count);
                    }
                    depth--;
                }
                default -> { }
            }
        }
    }

    private int open(int depth, byte kind) {
        if (depth == openBlocks.length) {
            openBlocks = Arrays.copyOf(openBlocks, depth * 2);
        }
        openBlocks[depth] = kind;
        return depth + 1;
    }

    private void enterElse(int depth, int offset) {
        if (depth == 0 || openBlocks[depth - 1] != OPEN_IF) {
            throw malformed(offset, "END opcode expected: else is only allowed once, inside an if");
        }
        openBlocks[depth - 1] = IF_WITH_ELSE;
    }

    private void append(Instruction insn) {
        if (count == buffer.length) {
            buffer = Arrays.copyOf(buffer, count * 2);
        }
        buffer[count++] = insn;
    }

    /** One instruction: the opcode (with its prefix group) and its immediates. */
    private Instruction instruction(ByteReader in) {
        int offset = in.position();
        int opcode = in.u8();
        Op op;
        if (opcode == Op.PREFIX_MISC || opcode == Op.PREFIX_SIMD) {
            long sub = in.u32(); // sub-opcodes are LEB128, so 0xFC 0x80 0x00 is valid
            op = opcode == Op.PREFIX_MISC ? Op.misc(sub) : Op.simd(sub);
            if (op == null) {
                throw malformed(offset, "illegal opcode 0x" + Integer.toHexString(opcode) + " " + sub);
            }
        } else {
            op = Op.single(opcode);
            if (op == null) {
                throw malformed(offset, "illegal opcode 0x" + Integer.toHexString(opcode));
            }
        }
        return immediates(op, offset, in);
    }

    /** Reads the immediates of {@code op} into the fields {@link dev.kiln.internal.wasm.Immediate} assigns. */
    private Instruction immediates(Op op, int offset, ByteReader in) {
        return switch (op.immediate()) {
            case NONE -> Instruction.of(op, offset);
            case BLOCK_TYPE -> withData(op, offset, TypeReader.blockType(in));
            case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE, ELEMENT -> withA(op, offset, in.index());
            case MEMORY -> withA(op, offset, in.zeroByte()); // 2.0 has one memory: a reserved byte
            case BR_TABLE -> withData(op, offset, branchTable(in));
            case CALL_INDIRECT -> twoIndices(op, offset, in);
            case SELECT_TYPES -> withData(op, offset, TypeReader.valueTypes(in));
            case MEMARG -> memarg(op, offset, in, false);
            case MEMARG_LANE -> memarg(op, offset, in, true);
            case I32 -> new Instruction(op, offset, 0, 0, in.s32(), null);
            case I64 -> new Instruction(op, offset, 0, 0, in.s64(), null);
            case F32 -> new Instruction(op, offset, 0, 0, in.fixed32() & ByteReader.U32_MAX, null);
            case F64 -> new Instruction(op, offset, 0, 0, in.fixed64(), null);
            case V128, SHUFFLE -> withData(op, offset, in.bytes(16));
            case LANE -> withA(op, offset, in.u8());
            case REF_TYPE -> withData(op, offset, TypeReader.referenceType(in));
            case DATA -> {
                requireDataCount(offset);
                yield withA(op, offset, in.index());
            }
            case MEMORY_INIT -> memoryInit(op, offset, in);
            case MEMORY_COPY -> {
                int destination = in.zeroByte();
                int source = in.zeroByte();
                yield new Instruction(op, offset, destination, source, 0, null);
            }
            case TABLE_INIT, TABLE_COPY -> twoIndices(op, offset, in);
        };
    }

    private static Instruction withA(Op op, int offset, int a) {
        return new Instruction(op, offset, a, 0, 0, null);
    }

    private static Instruction withData(Op op, int offset, Object data) {
        return new Instruction(op, offset, 0, 0, 0, data);
    }

    /**
     * Two u32 indices in binary order: call_indirect (type, table), table.init (element, table),
     * table.copy (destination, source).
     */
    private static Instruction twoIndices(Op op, int offset, ByteReader in) {
        int a = in.index();
        int b = in.index();
        return new Instruction(op, offset, a, b, 0, null);
    }

    /** {@code vec(labelidx) labelidx}: the targets, then the default target last. */
    private static int[] branchTable(ByteReader in) {
        int n = in.length();
        int[] targets = new int[n + 1];
        for (int i = 0; i <= n; i++) {
            targets[i] = in.index();
        }
        return targets;
    }

    /** {@code align:u32 offset:u32}, then for lane accesses a lane index byte. */
    private static Instruction memarg(Op op, int offset, ByteReader in, boolean withLane) {
        int align = in.index();
        long memoryOffset = in.u32();
        int lane = withLane ? in.u8() : 0;
        return new Instruction(op, offset, align, lane, memoryOffset, null);
    }

    /** {@code dataidx 0x00}. */
    private Instruction memoryInit(Op op, int offset, ByteReader in) {
        requireDataCount(offset);
        int segment = in.index();
        int memory = in.zeroByte();
        return new Instruction(op, offset, segment, memory, 0, null);
    }

    private void requireDataCount(int offset) {
        if (!dataCountPresent) {
            throw malformed(offset, "data count section required");
        }
    }
}
