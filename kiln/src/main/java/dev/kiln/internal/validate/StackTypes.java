package dev.kiln.internal.validate;

import dev.kiln.ValueType;
import java.util.List;

/**
 * Value types as the bytes the validator keeps on its operand stack, so that the stack is a
 * plain {@code byte[]} and checking an instruction allocates nothing.
 *
 * <p>{@link #UNKNOWN} is the spec's "unknown" type: what an operand popped from the polymorphic
 * stack of unreachable code has. It matches every type.
 */
final class StackTypes {

    static final byte UNKNOWN = 0;
    static final byte I32 = 1;
    static final byte I64 = 2;
    static final byte F32 = 3;
    static final byte F64 = 4;
    static final byte V128 = 5;
    static final byte FUNCREF = 6;
    static final byte EXTERNREF = 7;

    /** The empty type sequence, shared so that empty block types cost nothing. */
    static final byte[] NONE = {};

    private static final byte[][] SINGLE = new byte[8][];

    static {
        for (int t = 0; t < SINGLE.length; t++) {
            SINGLE[t] = new byte[] {(byte) t};
        }
    }

    private StackTypes() {}

    /** The byte for a value type. */
    static byte of(ValueType type) {
        return switch (type) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            case FUNCREF -> FUNCREF;
            case EXTERNREF -> EXTERNREF;
        };
    }

    /** The bytes for a sequence of value types; the shared empty or one-type arrays when short. */
    static byte[] of(List<ValueType> types) {
        if (types.isEmpty()) {
            return NONE;
        }
        if (types.size() == 1) {
            return single(of(types.get(0)));
        }
        byte[] bytes = new byte[types.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = of(types.get(i));
        }
        return bytes;
    }

    /** A shared one-element sequence; callers never write into it. */
    static byte[] single(byte type) {
        return SINGLE[type];
    }

    /** Numeric types, plus unknown, which may still turn out numeric. */
    static boolean isNumeric(byte type) {
        return type <= F64;
    }

    /** The vector type, plus unknown. */
    static boolean isVector(byte type) {
        return type == V128 || type == UNKNOWN;
    }

    /** Reference types, plus unknown. */
    static boolean isReference(byte type) {
        return type == FUNCREF || type == EXTERNREF || type == UNKNOWN;
    }

    /** Whether an operand of type {@code actual} may be used where {@code expected} is needed. */
    static boolean matches(byte actual, byte expected) {
        return actual == expected || actual == UNKNOWN || expected == UNKNOWN;
    }

    /** The text-format name, for messages. */
    static String name(byte type) {
        return switch (type) {
            case I32 -> "i32";
            case I64 -> "i64";
            case F32 -> "f32";
            case F64 -> "f64";
            case V128 -> "v128";
            case FUNCREF -> "funcref";
            case EXTERNREF -> "externref";
            default -> "unknown";
        };
    }
}
