package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.InstructionSink;
import dev.kiln.internal.wasm.Op;
import java.util.Arrays;

/**
 * Decodes instruction sequences: function bodies and constant expressions.
 *
 * <p>Nesting is tracked with an explicit stack of open blocks rather than by recursion, so
 * deeply nested code cannot overflow the Java stack. A sequence ends at the {@code end} that
 * closes depth zero; {@code else} is accepted only directly inside an {@code if} that has not had
 * one yet. One reader is reused for every expression of a module, so its buffers are allocated
 * once. {@link #read} hands the instructions to a sink instead of making objects of them: that is
 * how function bodies are checked at decode time and read again by the validator.
 */
final class InstructionReader {

    private static final byte PLAIN_BLOCK = 0;
    private static final byte OPEN_IF = 1;
    private static final byte IF_WITH_ELSE = 2;

    private Instruction[] buffer;
    private int count;
    private byte[] openBlocks = new byte[16];
    private boolean dataCountPresent = true;
    /** Appends each instruction to {@link #buffer}, for {@link #expression}. */
    private final InstructionSink collector = (op, offset, a, b, c, data) -> append(new Instruction(op, offset, a, b, c, data));

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
        if (buffer == null) {
            buffer = new Instruction[256];
        }
        count = 0;
        read(in, collector);
        Instruction[] code = Arrays.copyOf(buffer, count);
        Arrays.fill(buffer, 0, count, null); // a long-lived reader does not keep the last body alive
        return code;
    }

    /**
     * Reads instructions up to and including the {@code end} that closes the sequence, handing
     * each to {@code sink} as it is read (nothing is kept); a {@code null} sink only checks that
     * the sequence is well-formed.
     */
    void read(ByteReader in, InstructionSink sink) {
        int depth = 0;
        while (true) {
            if (in.atLimit()) { // the body's size field cut it short
                throw malformed(in.position(), "unexpected end of section or function: END opcode expected");
            }
            int offset = in.position();
            Op op = opcode(in, offset);
            immediates(op, offset, in, sink);
            switch (op) {
                case BLOCK, LOOP -> depth = open(depth, PLAIN_BLOCK);
                case IF -> depth = open(depth, OPEN_IF);
                case ELSE -> enterElse(depth, offset);
                case END -> {
                    if (depth == 0) {
                        return;
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

    /** The opcode at {@code offset}, with its prefix group. */
    private static Op opcode(ByteReader in, int offset) {
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
        return op;
    }

    /**
     * Reads the immediates of {@code op} into the fields {@link dev.kiln.internal.wasm.Immediate}
     * assigns and hands the instruction to {@code sink} (if any).
     */
    private void immediates(Op op, int offset, ByteReader in, InstructionSink sink) {
        switch (op.immediate()) {
            case NONE -> emit(sink, op, offset, 0, 0, 0, null);
            case BLOCK_TYPE -> emit(sink, op, offset, 0, 0, 0, TypeReader.blockType(in));
            case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE, ELEMENT -> emit(sink, op, offset, in.index(), 0, 0, null);
            case MEMORY -> emit(sink, op, offset, in.zeroByte(), 0, 0, null); // 2.0 has one memory: a reserved byte
            case BR_TABLE -> emit(sink, op, offset, 0, 0, 0, branchTable(in));
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                // Two u32 indices in binary order: call_indirect (type, table), table.init
                // (element, table), table.copy (destination, source).
                int a = in.index();
                int b = in.index();
                emit(sink, op, offset, a, b, 0, null);
            }
            case SELECT_TYPES -> emit(sink, op, offset, 0, 0, 0, TypeReader.valueTypes(in));
            case MEMARG -> memarg(op, offset, in, false, sink);
            case MEMARG_LANE -> memarg(op, offset, in, true, sink);
            case I32 -> emit(sink, op, offset, 0, 0, in.s32(), null);
            case I64 -> emit(sink, op, offset, 0, 0, in.s64(), null);
            case F32 -> emit(sink, op, offset, 0, 0, in.fixed32() & ByteReader.U32_MAX, null);
            case F64 -> emit(sink, op, offset, 0, 0, in.fixed64(), null);
            case V128, SHUFFLE -> emit(sink, op, offset, 0, 0, 0, in.bytes(16));
            case LANE -> emit(sink, op, offset, in.u8(), 0, 0, null);
            case REF_TYPE -> emit(sink, op, offset, 0, 0, 0, TypeReader.referenceType(in));
            case DATA -> {
                requireDataCount(offset);
                emit(sink, op, offset, in.index(), 0, 0, null);
            }
            case MEMORY_INIT -> {
                // dataidx 0x00
                requireDataCount(offset);
                int segment = in.index();
                int memory = in.zeroByte();
                emit(sink, op, offset, segment, memory, 0, null);
            }
            case MEMORY_COPY -> {
                int destination = in.zeroByte();
                int source = in.zeroByte();
                emit(sink, op, offset, destination, source, 0, null);
            }
        }
    }

    private static void emit(InstructionSink sink, Op op, int offset, int a, int b, long c, Object data) {
        if (sink != null) {
            sink.instruction(op, offset, a, b, c, data);
        }
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
    private static void memarg(Op op, int offset, ByteReader in, boolean withLane, InstructionSink sink) {
        int align = in.index();
        long memoryOffset = in.u32();
        int lane = withLane ? in.u8() : 0;
        emit(sink, op, offset, align, lane, memoryOffset, null);
    }

    private void requireDataCount(int offset) {
        if (!dataCountPresent) {
            throw malformed(offset, "data count section required");
        }
    }
}
