package dev.kiln.internal.wasm;

import java.util.Map;

/**
 * The contents of the {@code name} custom section that Kiln uses: module, function and local
 * names. Absent subsections are empty maps / {@code null}.
 *
 * @param moduleName the module name, or {@code null}
 * @param functionNames function index to name
 * @param localNames function index to (local index to name)
 */
public record NameSection(String moduleName, Map<Integer, String> functionNames,
                          Map<Integer, Map<Integer, String>> localNames) {

    /** No names at all. */
    public static final NameSection EMPTY = new NameSection(null, Map.of(), Map.of());

    public NameSection {
        functionNames = Map.copyOf(functionNames);
        localNames = Map.copyOf(localNames);
    }
}
