package dev.kiln.internal.validate;

import dev.kiln.internal.wasm.Op;

/**
 * The operand and result types of every instruction with a fixed typing, decoded once from
 * {@link Op#signature()} so that checking such an instruction is two array look-ups.
 */
final class FixedSignatures {

    private static final byte[][] PARAMS = new byte[Op.values().length][];
    private static final byte[][] RESULTS = new byte[Op.values().length][];

    static {
        for (Op op : Op.values()) {
            String signature = op.signature();
            if (signature != null) {
                int arrow = signature.indexOf('>');
                PARAMS[op.ordinal()] = decode(signature.substring(0, arrow));
                RESULTS[op.ordinal()] = decode(signature.substring(arrow + 1));
            }
        }
    }

    private FixedSignatures() {}

    /** The operand types, bottom of the stack first, or {@code null} if the typing is not fixed. */
    static byte[] params(Op op) {
        return PARAMS[op.ordinal()];
    }

    /** The result types, or {@code null} if the typing is not fixed. */
    static byte[] results(Op op) {
        return RESULTS[op.ordinal()];
    }

    private static byte[] decode(String letters) {
        if (letters.isEmpty()) {
            return StackTypes.NONE;
        }
        byte[] types = new byte[letters.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = StackTypes.of(Op.signatureType(letters.charAt(i)));
        }
        return types;
    }
}
