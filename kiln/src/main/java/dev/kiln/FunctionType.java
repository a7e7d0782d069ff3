package dev.kiln;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The signature of a function: parameter types and result types.
 *
 * @param params the parameter types, in order
 * @param results the result types, in order
 */
public record FunctionType(List<ValueType> params, List<ValueType> results) {

    /** A type with no parameters and no results. */
    public static final FunctionType EMPTY = new FunctionType(List.of(), List.of());

    /** Copies both lists; neither may contain {@code null}. */
    public FunctionType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** A function type with the given parameters and results. */
    public static FunctionType of(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
    }

    /** How many {@code long} slots the parameters take (v128 takes two). */
    public int paramSlots() {
        return slots(params);
    }

    /** How many {@code long} slots the results take (v128 takes two). */
    public int resultSlots() {
        return slots(results);
    }

    private static int slots(List<ValueType> types) {
        int n = 0;
        for (ValueType t : types) {
            n += t.slots();
        }
        return n;
    }

    // equals and hashCode by hand: a record's generated ones bootstrap method handles on their
    // first call (12 lambda-form classes, 10 ms of every kiln run, which hashes types first thing).

    /** Equal when both lists are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FunctionType type && params.equals(type.params) && results.equals(type.results);
    }

    @Override
    public int hashCode() {
        return 31 * params.hashCode() + results.hashCode();
    }

    /** For example {@code (i32, i32) -> (i64)}. */
    @Override
    public String toString() {
        return "(" + join(params) + ") -> (" + join(results) + ")";
    }

    private static String join(List<ValueType> types) {
        return types.stream().map(ValueType::toString).collect(Collectors.joining(", "));
    }
}
