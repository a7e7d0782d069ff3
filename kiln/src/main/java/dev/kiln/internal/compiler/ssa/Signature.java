package dev.kiln.internal.compiler.ssa;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parameters and results of an SSA {@link Function}: the values the native calling
 * convention passes, so the frontend's signature starts with the execution context and the
 * module context (both {@link Type#I64}) before the WebAssembly parameters.
 *
 * @param params the parameter types, in order; the entry block's parameters have these types
 * @param results the result types, in order; every {@code return} passes values of these types
 */
public record Signature(List<Type> params, List<Type> results) {

    /** Copies both lists; neither may contain {@code null}. */
    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** As the text format writes it: {@code (i64, i64, i32) -> (i32)}. */
    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(List<Type> types) {
        return types.stream().map(Type::toString).collect(Collectors.joining(", "));
    }
}
