package dev.kiln.internal.compiler.frontend;

import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * WebAssembly value types as SSA types. A reference is an {@link Type#I64}: a {@code funcref} the
 * address of the function's native record (0 for null), an {@code externref} the host's handle.
 */
final class Types {

    private Types() {}

    /** The SSA type of {@code type}; {@code v128} has been refused before anything is lowered. */
    static Type of(ValueType type) {
        return switch (type) {
            case I32 -> Type.I32;
            case I64, FUNCREF, EXTERNREF -> Type.I64;
            case F32 -> Type.F32;
            case F64 -> Type.F64;
            case V128 -> throw new IllegalArgumentException("v128 is not lowered yet");
        };
    }

    /** The SSA types of {@code types}, in order. */
    static Type[] of(List<ValueType> types) {
        Type[] out = new Type[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(types.get(i));
        }
        return out;
    }

    /** {@code prefix} followed by the SSA types of {@code types}. */
    static List<Type> with(List<Type> prefix, List<ValueType> types) {
        List<Type> out = new ArrayList<>(prefix);
        for (ValueType t : types) {
            out.add(of(t));
        }
        return out;
    }
}
