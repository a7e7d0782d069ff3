package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.internal.wasm.BlockType;
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

    /** How {@link #read} reads a single-byte opcode itself: {@link #FAST_SLOW} = by {@link #next}. */
    private static final byte[] FAST = new byte[256];
    private static final byte FAST_SLOW = 0;
    private static final byte FAST_NONE = 1;
    private static final byte FAST_INDEX = 2;
    private static final byte FAST_MEMARG = 3;
    private static final byte FAST_I32 = 4;
    private static final byte FAST_BLOCK = 5;
    private static final byte FAST_ZERO = 6;
    /** The longest instruction read fast: a memory access with a two-byte offset. */
    private static final int FAST_WINDOW = 4;
    private static final Op[] SINGLE = new Op[256];

    static {
        for (int opcode = 0; opcode < 256; opcode++) {
            Op op = Op.single(opcode);
            SINGLE[opcode] = op;
            FAST[opcode] = op == null ? FAST_SLOW : switch (op.immediate()) {
                case NONE -> FAST_NONE;
                case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE -> FAST_INDEX;
                case MEMARG -> FAST_MEMARG;
                case I32 -> FAST_I32;
                case BLOCK_TYPE -> FAST_BLOCK;
                case MEMORY -> FAST_ZERO;
                default -> FAST_SLOW;
            };
        }
    }

    private Instruction[] buffer;
    private int count;
    private byte[] openBlocks = new byte[16];
    private boolean dataCountPresent = true;
    /**
     * The offset and immediates of the instruction {@link #next} just read, as
     * {@link Instruction} holds them ({@link #read}'s fast path keeps its own in locals). Either
     * way each instruction reaches the sink from one call site, where the JIT inlines the
     * validator once, not once per kind of immediate.
     */
    private int offset;
    private int a;
    private int b;
    private long c;
    private Object data;

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
        int depth = 0;
        do {
            Op op = next(in);
            append(new Instruction(op, offset, a, b, c, data));
            depth = nest(op, depth);
        } while (depth >= 0);
        Instruction[] code = Arrays.copyOf(buffer, count);
        Arrays.fill(buffer, 0, count, null); // a long-lived reader does not keep the last body alive
        return code;
    }

    /**
     * Reads instructions up to and including the {@code end} that closes the sequence, handing
     * each to {@code sink} as it is read (nothing is kept); a {@code null} sink only checks that
     * the sequence is well-formed. (A loop of its own, apart from {@link #expression}'s, so that
     * the JIT sees one kind of sink here: the validator, which it inlines.)
     *
     * <p>This is the loop that reads every instruction of a module, millions for a big one, so
     * the common instructions are read straight from the array (see {@link #FAST}): single-byte
     * opcodes whose immediates, if any, are LEB128 numbers of one or two bytes, at least
     * {@link #FAST_WINDOW} bytes before the end of the body. Those encodings cannot be malformed
     * and decode to the same values as {@link #next}, which reads everything else, checking
     * every rule and reporting every failure.
     */
    void read(ByteReader in, InstructionSink sink) {
        byte[] bytes = in.array();
        int limit = in.limit();
        int pos = in.position();
        int depth = 0;
        while (true) {
            int start = pos;
            Op op = null;
            int a = 0;
            int b = 0;
            long c = 0;
            Object data = null;
            if (pos + FAST_WINDOW <= limit) {
                int opcode = bytes[pos] & 0xFF;
                switch (FAST[opcode]) {
                    case FAST_NONE -> {
                        op = SINGLE[opcode];
                        pos++;
                    }
                    case FAST_INDEX -> { // label, function, local, global, table
                        int b0 = bytes[pos + 1];
                        if (b0 >= 0) {
                            a = b0;
                            op = SINGLE[opcode];
                            pos += 2;
                        } else if (bytes[pos + 2] >= 0) {
                            a = b0 & 0x7F | bytes[pos + 2] << 7;
                            op = SINGLE[opcode];
                            pos += 3;
                        }
                    }
                    case FAST_MEMARG -> { // align (one byte), offset (one or two)
                        int align = bytes[pos + 1];
                        int o0 = bytes[pos + 2];
                        if (align >= 0 && o0 >= 0) {
                            a = align;
                            c = o0;
                            op = SINGLE[opcode];
                            pos += 3;
                        } else if (align >= 0 && bytes[pos + 3] >= 0) {
                            a = align;
                            c = o0 & 0x7F | bytes[pos + 3] << 7;
                            op = SINGLE[opcode];
                            pos += 4;
                        }
                    }
                    case FAST_I32 -> { // i32.const, signed
                        int b0 = bytes[pos + 1];
                        if (b0 >= 0) {
                            c = b0 << 25 >> 25;
                            op = SINGLE[opcode];
                            pos += 2;
                        } else if (bytes[pos + 2] >= 0) {
                            c = (b0 & 0x7F | bytes[pos + 2] << 7) << 18 >> 18;
                            op = SINGLE[opcode];
                            pos += 3;
                        }
                    }
                    case FAST_BLOCK -> { // empty or one result type; a type index is read by next()
                        int type = bytes[pos + 1] & 0xFF;
                        data = type == TypeReader.EMPTY_BLOCK ? BlockType.EMPTY : TypeReader.singleResult(type);
                        if (data != null) {
                            op = SINGLE[opcode];
                            pos += 2;
                        }
                    }
                    case FAST_ZERO -> { // memory.size, memory.grow: a reserved zero byte
                        if (bytes[pos + 1] == 0) {
                            op = SINGLE[opcode];
                            pos += 2;
                        }
                    }
                    default -> { }
                }
            }
            if (op == null) {
                in.seek(start);
                op = next(in);
                pos = in.position();
                a = this.a;
                b = this.b;
                c = this.c;
                data = this.data;
            }
            if (sink != null) {
                sink.instruction(op, start, a, b, c, data);
            }
            switch (bytes[start]) { // nesting: block, loop, if, else and end are single bytes
                case 0x02, 0x03 -> depth = open(depth, PLAIN_BLOCK);
                case 0x04 -> depth = open(depth, OPEN_IF);
                case 0x05 -> enterElse(depth, start);
                case 0x0B -> {
                    if (depth == 0) {
                        in.seek(pos);
                        return;
                    }
                    depth--;
                }
                default -> { }
            }
        }
    }

    /** One instruction: its opcode is returned, its offset and immediates are left in the fields. */
    private Op next(ByteReader in) {
        if (in.atLimit()) { // the body's size field cut it short
            throw malformed(in.position(), "unexpected end of section or function: END opcode expected");
        }
        offset = in.position();
        Op op = opcode(in, offset);
        immediates(op, offset, in);
        return op;
    }

    /**
     * The nesting depth after {@code op}: one more inside a new block, one less after an
     * {@code end}, -1 after the {@code end} that closes the sequence.
     */
    private int nest(Op op, int depth) {
        return switch (op) {
            case BLOCK, LOOP -> open(depth, PLAIN_BLOCK);
            case IF -> open(depth, OPEN_IF);
            case ELSE -> {
                enterElse(depth, offset);
                yield depth;
            }
            case END -> depth - 1;
            default -> depth;
        };
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

    /** Reads the immediates of {@code op} into {@link #a}, {@link #b}, {@link #c} and {@link #data}. */
    private void immediates(Op op, int offset, ByteReader in) {
        a = 0;
        b = 0;
        c = 0;
        data = null;
        switch (op.immediate()) {
            case NONE -> { }
            case LABEL, FUNCTION, LOCAL, GLOBAL, TABLE, ELEMENT -> a = in.index();
            case MEMARG -> {
                a = in.index(); // log2 of the alignment
                c = in.u32(); // the offset
            }
            case I32 -> c = in.s32();
            case BLOCK_TYPE -> data = TypeReader.blockType(in);
            default -> rareImmediates(op, offset, in);
        }
    }

    /** The immediates of the less common instructions, kept apart so that the common path stays small. */
    private void rareImmediates(Op op, int offset, ByteReader in) {
        switch (op.immediate()) {
            case MEMORY -> a = in.zeroByte(); // 2.0 has one memory: a reserved byte
            case BR_TABLE -> data = branchTable(in);
            case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
                // Two u32 indices in binary order: call_indirect (type, table), table.init
                // (element, table), table.copy (destination, source).
                a = in.index();
                b = in.index();
            }
            case SELECT_TYPES -> data = TypeReader.valueTypes(in);
            case MEMARG_LANE -> {
                a = in.index();
                c = in.u32();
                b = in.u8(); // the lane
            }
            case I64 -> c = in.s64();
            case F32 -> c = in.fixed32() & ByteReader.U32_MAX;
            case F64 -> c = in.fixed64();
            case V128, SHUFFLE -> data = in.bytes(16);
            case LANE -> a = in.u8();
            case REF_TYPE -> data = TypeReader.referenceType(in);
            case DATA -> {
                requireDataCount(offset);
                a = in.index();
            }
            case MEMORY_INIT -> {
                // dataidx 0x00
                requireDataCount(offset);
                a = in.index();
                b = in.zeroByte();
            }
            case MEMORY_COPY -> {
                a = in.zeroByte(); // destination
                b = in.zeroByte(); // source
            }
            default -> throw new AssertionError(op); // the common kinds are read by immediates()
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

    private void requireDataCount(int offset) {
        if (!dataCountPresent) {
            throw malformed(offset, "data count section required");
        }
    }
}
