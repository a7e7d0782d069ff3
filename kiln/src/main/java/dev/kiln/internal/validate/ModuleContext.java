package dev.kiln.internal.validate;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.TableType;
import java.util.BitSet;
import java.util.List;

/**
 * The spec's validation context C for one module, flattened into arrays of type bytes so that
 * instruction checks are index look-ups: types, functions, tables, memories, globals, element
 * and data segments, and the function references a body may take ({@code C.refs}).
 *
 * <p>Every {@code require...} method checks an index and throws the spec's "unknown ..." phrase.
 */
final class ModuleContext {

    private final byte[][] typeParams;
    private final byte[][] typeResults;
    private final int[] functionTypes;
    private final byte[] tableTypes;
    private final int memoryCount;
    private final byte[] globalTypes;
    private final boolean[] globalMutable;
    private final int importedGlobals;
    private final byte[] elementTypes;
    private final int dataCount;
    private final int dataSegments;
    private final BitSet declaredFunctions;

    /** Call only after the type indices of all functions were checked. */
    ModuleContext(Module module, BitSet declaredFunctions) {
        List<FunctionType> types = module.types();
        typeParams = new byte[types.size()][];
        typeResults = new byte[types.size()][];
        for (int t = 0; t < types.size(); t++) {
            typeParams[t] = StackTypes.of(types.get(t).params());
            typeResults[t] = StackTypes.of(types.get(t).results());
        }
        functionTypes = new int[module.functionCount()];
        for (int f = 0; f < functionTypes.length; f++) {
            functionTypes[f] = module.functionTypeIndex(f);
        }
        List<TableType> tables = module.tableSpace();
        tableTypes = new byte[tables.size()];
        for (int t = 0; t < tableTypes.length; t++) {
            tableTypes[t] = StackTypes.of(tables.get(t).elementType());
        }
        memoryCount = module.memorySpace().size();
        List<GlobalType> globals = module.globalSpace();
        globalTypes = new byte[globals.size()];
        globalMutable = new boolean[globals.size()];
        for (int g = 0; g < globalTypes.length; g++) {
            globalTypes[g] = StackTypes.of(globals.get(g).type());
            globalMutable[g] = globals.get(g).mutable();
        }
        importedGlobals = module.importedGlobalCount();
        List<ElementSegment> elements = module.elements();
        elementTypes = new byte[elements.size()];
        for (int e = 0; e < elementTypes.length; e++) {
            elementTypes[e] = StackTypes.of(elements.get(e).type());
        }
        dataCount = module.dataCount();
        dataSegments = module.data().size();
        this.declaredFunctions = declaredFunctions;
    }

    /** Checks a type index; returns it. */
    int requireType(int index) {
        if (index < 0 || index >= typeParams.length) {
            throw RuleViolation.unknown("type", index);
        }
        return index;
    }

    byte[] params(int typeIndex) {
        return typeParams[typeIndex];
    }

    byte[] results(int typeIndex) {
        return typeResults[typeIndex];
    }

    int functionCount() {
        return functionTypes.length;
    }

    /** Checks a function index; returns the function's type index. */
    int requireFunction(int index) {
        if (index < 0 || index >= functionTypes.length) {
            throw RuleViolation.unknown("function", index);
        }
        return functionTypes[index];
    }

    /** Checks a table index; returns the table's element type. */
    byte requireTable(int index) {
        if (index < 0 || index >= tableTypes.length) {
            throw RuleViolation.unknown("table", index);
        }
        return tableTypes[index];
    }

    /** Checks a memory index. */
    void requireMemory(int index) {
        if (index < 0 || index >= memoryCount) {
            throw RuleViolation.unknown("memory", index);
        }
    }

    /** Checks a global index; returns the global's value type. */
    byte requireGlobal(int index) {
        if (index < 0 || index >= globalTypes.length) {
            throw RuleViolation.unknown("global", index);
        }
        return globalTypes[index];
    }

    boolean isMutable(int globalIndex) {
        return globalMutable[globalIndex];
    }

    /** Globals a constant expression may read: the imported ones (WebAssembly 2.0). */
    int importedGlobals() {
        return importedGlobals;
    }

    /** Checks an element segment index; returns the segment's reference type. */
    byte requireElement(int index) {
        if (index < 0 || index >= elementTypes.length) {
            throw RuleViolation.unknown("elem segment", index);
        }
        return elementTypes[index];
    }

    /**
     * Checks a data segment index. Instructions naming data segments also need the data count
     * section (a single-pass compiler must know the count before the code section); without it,
     * an index beyond the data section is reported as unknown first, which is what the spec
     * suite expects of such modules.
     */
    void requireData(int index) {
        int count = dataCount == Module.ABSENT ? dataSegments : dataCount;
        if (index < 0 || index >= count) {
            throw RuleViolation.unknown("data segment", index);
        }
        if (dataCount == Module.ABSENT) {
            throw new RuleViolation(CompileException.Reason.MALFORMED, "data count section required");
        }
    }

    /** Whether {@code ref.func} in a function body may name this (existing) function. */
    boolean isDeclared(int functionIndex) {
        return declaredFunctions.get(functionIndex);
    }
}
