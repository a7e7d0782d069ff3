package dev.kiln.internal.binary;

import static dev.kiln.internal.binary.ByteReader.malformed;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.BlockType;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.TableType;
import java.util.Arrays;
import java.util.List;

/** Decodes the type encodings: value, reference, function, block, table, memory, global types. */
final class TypeReader {

    /** The form byte that starts a function type. */
    static final int FUNCTION_TYPE_FORM = 0x60;
    /** The block type byte for "no parameters, no results". */
    static final int EMPTY_BLOCK = 0x40;

    /** One shared block type per value type, so blocks do not allocate them. */
    private static final BlockType[] SINGLE_RESULT = new BlockType[128];

    static {
        for (ValueType t : ValueType.values()) {
            SINGLE_RESULT[t.code()] = BlockType.of(t);
        }
    }

    private TypeReader() {}

    /** The shared block type of one result of the value type with this byte, or {@code null}. */
    static BlockType singleResult(int code) {
        return code >= 0 && code < SINGLE_RESULT.length ? SINGLE_RESULT[code] : null;
    }

    /** A value type: one of the number, vector or reference type bytes. */
    static ValueType valueType(ByteReader in) {
        int offset = in.position();
        ValueType t = ValueType.fromCode(in.u8());
        if (t == null) {
            throw malformed(offset, "malformed value type");
        }
        return t;
    }

    /** A reference type: {@code funcref} (0x70) or {@code externref} (0x6F). */
    static ValueType referenceType(ByteReader in) {
        int offset = in.position();
        ValueType t = ValueType.fromCode(in.u8());
        if (t == null || !t.isReference()) {
            throw malformed(offset, "malformed reference type");
        }
        return t;
    }

    /** A vector of value types (function parameters or results, typed select). */
    static ValueType[] valueTypes(ByteReader in) {
        int n = in.length();
        ValueType[] types = new ValueType[n];
        for (int i = 0; i < n; i++) {
            types[i] = valueType(in);
        }
        return types;
    }

    /** {@code 0x60 params results}. */
    static FunctionType functionType(ByteReader in) {
        int offset = in.position();
        if (in.u8() != FUNCTION_TYPE_FORM) {
            throw malformed(offset, "malformed function type: 0x60 expected");
        }
        List<ValueType> params = Arrays.asList(valueTypes(in));
        List<ValueType> results = Arrays.asList(valueTypes(in));
        return new FunctionType(params, results);
    }

    /**
     * A block type: 0x40 (empty), a value type byte (one result), or a non-negative s33 type
     * index. The first two are single bytes of the form {@code 0b01xxxxxx}, which as an s33 would
     * be negative; that is how the three are told apart.
     */
    static BlockType blockType(ByteReader in) {
        int offset = in.position();
        int b = in.peek();
        if (b == EMPTY_BLOCK) {
            in.u8();
            return BlockType.EMPTY;
        }
        if ((b & 0xC0) == 0x40) {
            return SINGLE_RESULT[valueType(in).code()];
        }
        long index = in.s33();
        if (index < 0) {
            throw malformed(offset, "malformed block type: negative type index " + index);
        }
        return BlockType.ofIndex(index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index);
    }

    /**
     * Limits: a flag (0 = min only, 1 = min and max) read as the spec reads it, a 1-bit LEB128,
     * then u32 bounds.
     */
    static Limits limits(ByteReader in) {
        int offset = in.position();
        int flags = in.u8();
        if ((flags & 0x7F) > 1) {
            throw malformed(offset, "integer too large: malformed limits flags 0x" + Integer.toHexString(flags)
                    + ", 0 or 1 expected");
        }
        if ((flags & 0x80) != 0) {
            throw malformed(offset + 1, "integer representation too long: malformed limits flags");
        }
        long min = in.u32();
        long max = flags == 1 ? in.u32() : Limits.NO_MAX;
        return new Limits(min, max);
    }

    /** {@code reftype limits}. */
    static TableType tableType(ByteReader in) {
        ValueType element = referenceType(in);
        return new TableType(element, limits(in));
    }

    /** {@code limits}, in pages. */
    static MemoryType memoryType(ByteReader in) {
        return new MemoryType(limits(in));
    }

    /** {@code valtype mut}, where mut is 0x00 (const) or 0x01 (var). */
    static GlobalType globalType(ByteReader in) {
        ValueType type = valueType(in);
        int offset = in.position();
        int mutability = in.u8();
        if (mutability > 1) {
            throw malformed(offset, "malformed mutability: 0x" + Integer.toHexString(mutability)
                    + ", 0 or 1 expected");
        }
        return new GlobalType(type, mutability == 1);
    }
}
