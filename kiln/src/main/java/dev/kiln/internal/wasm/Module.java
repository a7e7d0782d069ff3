package dev.kiln.internal.wasm;

import dev.kiln.FunctionType;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded module: the sections of the binary format, plus the index spaces (imports first,
 * then definitions) that the validator and the engines look things up in.
 *
 * <p>Decoded is not validated: indices may be out of range until
 * {@code dev.kiln.internal.validate.Validator} has accepted the module.
 */
public final class Module {

    /** Marks an absent start function / data count section. */
    public static final int ABSENT = -1;

    private final List<FunctionType> types;
    private final List<Import> imports;
    private final int[] functionTypeIndices;
    private final List<TableType> tables;
    private final List<MemoryType> memories;
    private final List<GlobalDefinition> globals;
    private final List<Export> exports;
    private final int startFunction;
    private final List<ElementSegment> elements;
    private final int dataCount;
    private final List<FunctionBody> code;
    private final List<DataSegment> data;
    private final NameSection names;
    private final List<CustomSection> customSections;

    private final int[] functionSpace;
    private final List<TableType> tableSpace = new ArrayList<>();
    private final List<MemoryType> memorySpace = new ArrayList<>();
    private final List<GlobalType> globalSpace = new ArrayList<>();
    private final int importedFunctions;
    private final int importedGlobals;

    /**
     * @param functionTypeIndices the type index of each function the module defines (not imports)
     * @param startFunction the start function index, or {@link #ABSENT}
     * @param dataCount the data count section's value, or {@link #ABSENT}
     */
    public Module(List<FunctionType> types, List<Import> imports, int[] functionTypeIndices,
                  List<TableType> tables, List<MemoryType> memories, List<GlobalDefinition> globals,
                  List<Export> exports, int startFunction, List<ElementSegment> elements, int dataCount,
                  List<FunctionBody> code, List<DataSegment> data, NameSection names,
                  List<CustomSection> customSections) {
        this.types = List.copyOf(types);
        this.imports = List.copyOf(imports);
        this.functionTypeIndices = functionTypeIndices.clone();
        this.tables = List.copyOf(tables);
        this.memories = List.copyOf(memories);
        this.globals = List.copyOf(globals);
        this.exports = List.copyOf(exports);
        this.startFunction = startFunction;
        this.elements = List.copyOf(elements);
        this.dataCount = dataCount;
        this.code = List.copyOf(code);
        this.data = List.copyOf(data);
        this.names = names;
        this.customSections = List.copyOf(customSections);

        List<Integer> functionIndices = new ArrayList<>();
        int globalImports = 0;
        for (Import i : imports) {
            switch (i.kind()) {
                case FUNCTION -> functionIndices.add(i.functionTypeIndex());
                case TABLE -> tableSpace.add(i.table());
                case MEMORY -> memorySpace.add(i.memory());
                case GLOBAL -> {
                    globalSpace.add(i.global());
                    globalImports++;
                }
            }
        }
        this.importedFunctions = functionIndices.size();
        this.importedGlobals = globalImports;
        this.functionSpace = new int[importedFunctions + functionTypeIndices.length];
        for (int f = 0; f < importedFunctions; f++) {
            functionSpace[f] = functionIndices.get(f);
        }
        System.arraycopy(functionTypeIndices, 0, functionSpace, importedFunctions, functionTypeIndices.length);
        tableSpace.addAll(tables);
        memorySpace.addAll(memories);
        for (GlobalDefinition g : globals) {
            globalSpace.add(g.type());
        }
    }

    /** The type section. */
    public List<FunctionType> types() {
        return types;
    }

    /** The import section. */
    public List<Import> imports() {
        return imports;
    }

    /** The type index of each defined (not imported) function. */
    public int[] functionTypeIndices() {
        return functionTypeIndices.clone();
    }

    /** Tables the module defines (not imports). */
    public List<TableType> tables() {
        return tables;
    }

    /** Memories the module defines (not imports). */
    public List<MemoryType> memories() {
        return memories;
    }

    /** Globals the module defines (not imports). */
    public List<GlobalDefinition> globals() {
        return globals;
    }

    /** The export section. */
    public List<Export> exports() {
        return exports;
    }

    /** The start function index, or {@link #ABSENT}. */
    public int startFunction() {
        return startFunction;
    }

    /** The element section. */
    public List<ElementSegment> elements() {
        return elements;
    }

    /** The data count section's value, or {@link #ABSENT}. */
    public int dataCount() {
        return dataCount;
    }

    /** Bodies of the defined functions, in the order of {@link #functionTypeIndices()}. */
    public List<FunctionBody> code() {
        return code;
    }

    /** The data section. */
    public List<DataSegment> data() {
        return data;
    }

    /** Names from the {@code name} custom section. */
    public NameSection names() {
        return names;
    }

    /** Custom sections other than {@code name}, in order. */
    public List<CustomSection> customSections() {
        return customSections;
    }

    /** Number of functions in the function index space (imports and definitions). */
    public int functionCount() {
        return functionSpace.length;
    }

    /** Number of imported functions; defined function {@code i} has index {@code i + this}. */
    public int importedFunctionCount() {
        return importedFunctions;
    }

    /** Number of imported globals; defined global {@code i} has index {@code i + this}. */
    public int importedGlobalCount() {
        return importedGlobals;
    }

    /** The type index of function {@code functionIndex} (imports first). */
    public int functionTypeIndex(int functionIndex) {
        return functionSpace[functionIndex];
    }

    /** The type of function {@code functionIndex}; valid modules only. */
    public FunctionType functionType(int functionIndex) {
        return types.get(functionSpace[functionIndex]);
    }

    /** The table index space: imported tables, then defined ones. */
    public List<TableType> tableSpace() {
        return tableSpace;
    }

    /** The memory index space: imported memories, then defined ones. */
    public List<MemoryType> memorySpace() {
        return memorySpace;
    }

    /** The global index space: imported globals, then defined ones. */
    public List<GlobalType> globalSpace() {
        return globalSpace;
    }
}
