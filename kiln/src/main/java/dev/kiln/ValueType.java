package dev.kiln;

/**
 * The type of a WebAssembly value.
 *
 * <p>Values cross the API as {@code long} slots: {@link #I32} zero-extended, {@link #F32} and
 * {@link #F64} as their raw IEEE-754 bits, {@link #V128} as two slots (low 64 bits first), and
 * references as opaque handles where {@code 0} is the null reference.
 */
public enum ValueType {
    /** 32-bit integer. */
    I32(0x7F, "i32"),
    /** 64-bit integer. */
    I64(0x7E, "i64"),
    /** 32-bit IEEE-754 float. */
    F32(0x7D, "f32"),
    /** 64-bit IEEE-754 float. */
    F64(0x7C, "f64"),
    /** 128-bit vector. */
    V128(0x7B, "v128"),
    /** Reference to a function. */
    FUNCREF(0x70, "funcref"),
    /** Reference to a host object. */
    EXTERNREF(0x6F, "externref");

    private final int code;
    private final String text;

    ValueType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The byte that encodes this type in the binary format. */
    public int code() {
        return code;
    }

    /** How many {@code long} slots a value of this type takes: 2 for {@link #V128}, else 1. */
    public int slots() {
        return this == V128 ? 2 : 1;
    }

    /** Whether this is {@link #FUNCREF} or {@link #EXTERNREF}. */
    public boolean isReference() {
        return this == FUNCREF || this == EXTERNREF;
    }

    /** The type encoded by {@code code} in the binary format, or {@code null} if none is. */
    public static ValueType fromCode(int code) {
        return switch (code) {
            case 0x7F -> I32;
            case 0x7E -> I64;
            case 0x7D -> F32;
            case 0x7C -> F64;
            case 0x7B -> V128;
            case 0x70 -> FUNCREF;
            case 0x6F -> EXTERNREF;
            default -> null;
        };
    }

    /** The text-format name: {@code i32}, {@code funcref}, ... */
    @Override
    public String toString() {
        return text;
    }
}
