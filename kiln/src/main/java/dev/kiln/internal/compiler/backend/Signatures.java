package dev.kiln.internal.compiler.backend;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Type;
import java.util.List;

/** SSA types as the WebAssembly value types {@code CallLayout} places (a reference is an i64). */
final class Signatures {

    private Signatures() {}

    /** The function type whose layout passes {@code params} and returns {@code results}. */
    static FunctionType of(List<Type> params, List<Type> results) {
        return new FunctionType(valueTypes(params), valueTypes(results));
    }

    private static List<ValueType> valueTypes(List<Type> types) {
        return types.stream().map(t -> switch (t) {
            case I32 -> ValueType.I32;
            case I64 -> ValueType.I64;
            case F32 -> ValueType.F32;
            case F64 -> ValueType.F64;
            case V128 -> ValueType.V128;
        }).toList();
    }
}
