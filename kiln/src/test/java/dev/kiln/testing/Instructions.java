package dev.kiln.testing;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instructions for {@link TestModule}, written two ways: factories with immediates where
 * {@link Instruction} keeps them ({@code i32(1)}, {@code op(Op.LOCAL_GET, 0)}), or a one-line text
 * form parsed by {@link #parse}. Offsets are 0 here; {@link TestModule} stamps real ones.
 *
 * <p>The text form is mnemonics followed by their immediates, for example
 * {@code "local.get 0 i32.const -1 i32.add block i32 ... end br_table 0,1,2 i32.load offset=8"}.
 * Block types are {@code []} (or nothing), a value type, or {@code type=N}; floats are Java
 * literals, {@code nan}, {@code -nan}, {@code inf}, {@code -inf} or raw bits
 * {@code bits:0x7fa00000}; the memory index of {@code memory.*} is implicit (0), the alignment of
 * loads and stores is 0, and {@code v128.const} is zero.
 */
public final class Instructions {

    private static final Map<String, Op> OPS = new HashMap<>();

    static {
        for (Op op : Op.values()) {
            OPS.put(op.mnemonic(), op);
        }
    }

    private Instructions() {}

    public static Instruction op(Op op) {
        return Instruction.of(op, 0);
    }

    /** An instruction with one index immediate in {@code a}: label, local, global, table, ... */
    public static Instruction op(Op op, int a) {
        return new Instruction(op, 0, a, 0, 0, null);
    }

    /** An instruction with two index immediates, in the order of {@link Instruction}. */
    public static Instruction op(Op op, int a, int b) {
        return new Instruction(op, 0, a, b, 0, null);
    }

    public static Instruction i32(int value) {
        return withValue(Op.I32_CONST, value);
    }

    public static Instruction i64(long value) {
        return withValue(Op.I64_CONST, value);
    }

    public static Instruction f32(float value) {
        return withValue(Op.F32_CONST, Float.floatToRawIntBits(value) & 0xFFFFFFFFL);
    }

    public static Instruction f64(double value) {
        return withValue(Op.F64_CONST, Double.doubleToRawLongBits(value));
    }

    /** {@code v128.const} of zero. */
    public static Instruction v128() {
        return withData(Op.V128_CONST, new byte[16]);
    }

    public static Instruction block(Op op, BlockType type) {
        return withData(op, type);
    }

    public static Instruction block(Op op) {
        return block(op, BlockType.EMPTY);
    }

    public static Instruction block(Op op, ValueType result) {
        return block(op, BlockType.of(result));
    }

    /** {@code br_table}: the targets, the default last. */
    public static Instruction brTable(int... labels) {
        return withData(Op.BR_TABLE, labels);
    }

    public static Instruction selectTyped(ValueType... types) {
        return withData(Op.SELECT_T, types);
    }

    public static Instruction refNull(ValueType type) {
        return withData(Op.REF_NULL, type);
    }

    /** A load or store: alignment exponent and offset. */
    public static Instruction mem(Op op, int align, long offset) {
        return new Instruction(op, 0, align, 0, offset, null);
    }

    public static Instruction memLane(Op op, int align, int lane) {
        return new Instruction(op, 0, align, lane, 0, null);
    }

    public static Instruction lane(Op op, int lane) {
        return op(op, lane);
    }

    public static Instruction shuffle(int... lanes) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 16; i++) {
            bytes[i] = (byte) lanes[i];
        }
        return withData(Op.I8X16_SHUFFLE, bytes);
    }

    public static Instruction end() {
        return op(Op.END);
    }

    /** The instructions of the one-line text form, without a final {@code end}. */
    public static Instruction[] parse(String text) {
        List<Instruction> code = new ArrayList<>();
        String[] tokens = text.isBlank() ? new String[0] : text.trim().split("\\s+");
        int i = 0;
        while (i < tokens.length) {
            Op op = OPS.get(tokens[i]);
            if (op == null) {
                throw new IllegalArgumentException("unknown instruction '" + tokens[i] + "' in: " + text);
            }
            String[] rest = Arrays.copyOfRange(tokens, i + 1, Math.min(i + 3, tokens.length));
            code.add(instruction(op, rest));
            i += 1 + immediateTokens(op, rest);
        }
        return code.toArray(Instruction[]::new);
    }

    /** {@code op} with its immediates from {@code next}, the (up to two) tokens that follow it. */
    private static Instruction instruction(Op op, String[] next) {
        return switch (op.immediate()) {
            case NONE, MEMORY -> op(op);
            case BLOCK_TYPE -> block(op, isBlockType(next) ? blockType(next[0]) : BlockType.EMPTY);
            case BR_TABLE -> brTable(Arrays.stream(next[0].split(",")).mapToInt(Integer::parseInt).toArray());
            case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY ->
                    op(op, Integer.parseInt(next[0]), Integer.parseInt(next[1]));
            case SELECT_TYPES -> selectTyped(valueType(next[0]));
            case MEMARG -> mem(op, 0, hasOffset(next) ? Long.decode(next[0].substring(7)) : 0);
            case I32 -> withValue(op, (int) Long.decode(next[0]).longValue());
            case I64 -> withValue(op, parseI64(next[0]));
            case F32 -> withValue(op, f32Bits(next[0]));
            case F64 -> withValue(op, f64Bits(next[0]));
            case REF_TYPE -> withData(op, valueType(next[0]));
            case V128 -> v128();
            default -> op(op, Integer.parseInt(next[0]));
        };
    }

    /** How many of the tokens after {@code op} are its immediates. */
    private static int immediateTokens(Op op, String[] next) {
        return switch (op.immediate()) {
            case NONE, MEMORY, V128 -> 0;
            case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> 2;
            case MEMARG -> hasOffset(next) ? 1 : 0;
            case BLOCK_TYPE -> isBlockType(next) ? 1 : 0;
            default -> 1;
        };
    }

    private static boolean hasOffset(String[] next) {
        return next.length > 0 && next[0].startsWith("offset=");
    }

    private static boolean isBlockType(String[] next) {
        return next.length > 0 && (next[0].equals("[]") || next[0].startsWith("type=")
                || Arrays.stream(ValueType.values()).anyMatch(t -> t.toString().equals(next[0])));
    }

    private static BlockType blockType(String token) {
        if (token.equals("[]")) {
            return BlockType.EMPTY;
        }
        if (token.startsWith("type=")) {
            return BlockType.ofIndex(Integer.parseInt(token.substring(5)));
        }
        return BlockType.of(valueType(token));
    }

    /** The value type named {@code token} ({@code i32}, {@code funcref}, ...). */
    static ValueType valueType(String token) {
        for (ValueType t : ValueType.values()) {
            if (t.toString().equals(token)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a value type: " + token);
    }

    private static long parseI64(String token) {
        if (token.startsWith("0x")) {
            return Long.parseUnsignedLong(token.substring(2), 16);
        }
        return Long.parseLong(token);
    }

    /** The bits of an {@code f32} written in the text form, zero-extended. */
    public static long f32Bits(String token) {
        if (token.startsWith("bits:")) {
            return Long.decode(token.substring(5)) & 0xFFFFFFFFL;
        }
        float value = switch (token) {
            case "nan" -> Float.NaN;
            case "-nan" -> -Float.NaN;
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            default -> Float.parseFloat(token);
        };
        return Float.floatToRawIntBits(value) & 0xFFFFFFFFL;
    }

    /** The bits of an {@code f64} written in the text form. */
    public static long f64Bits(String token) {
        if (token.startsWith("bits:")) {
            return Long.parseUnsignedLong(token.substring(7), 16);
        }
        double value = switch (token) {
            case "nan" -> Double.NaN;
            case "-nan" -> -Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(token);
        };
        return Double.doubleToRawLongBits(value);
    }

    /** A constant: the value (or its bits) in {@code c}. */
    private static Instruction withValue(Op op, long c) {
        return new Instruction(op, 0, 0, 0, c, null);
    }

    private static Instruction withData(Op op, Object data) {
        return new Instruction(op, 0, 0, 0, 0, data);
    }
}
