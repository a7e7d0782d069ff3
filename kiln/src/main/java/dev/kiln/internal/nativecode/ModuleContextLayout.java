package dev.kiln.internal.nativecode;

import dev.kiln.internal.wasm.Module;

/**
 * The module context: one native struct per instance that compiled code reaches through RBX
 * ({@link Abi}), holding everything it reads without asking Java. Its layout depends on the
 * module (how many memories, tables, globals and imported functions), so it is computed once per
 * module; compiled code, shared by every instance of the module, emits these offsets as
 * immediates.
 *
 * <pre>
 *   offset            size      field
 *   0                 8         instance handle: which instance an exit comes from
 *   8                 8         (reserved, keeps the cells 16-aligned)
 *   globalCell(d)     16 each   the cell of defined global d: the defining instance's cell
 *                               itself (GlobalInstance's 16 bytes: value, high), 16-aligned
 *   memory(i)         8 each    address of memory i's MemoryDescriptor (defined or imported)
 *   table(i)          8 each    address of table i's descriptor (TableInstance)
 *   importedGlobal(i) 8 each    address of imported global i's cell
 *   importedFunction(i)
 *                     24 each   code u64, callee module context u64, type id u32, pad u32:
 *                               a copy of the callee's FunctionRecord, so an imported call is
 *                               two loads and a call
 *   size              rounded up to 16
 * </pre>
 *
 * Defined globals live here rather than behind a pointer so a {@code global.get} is one load
 * ({@code [rbx + globalCell(d)]}); the engine makes the instance's {@code GlobalInstance}s over
 * these cells, so an importer's pointer and the API see the same 16 bytes. There is no type-id
 * array: type ids are JVM-wide ({@code TypeIds}) and known when the module compiles, so
 * {@code call_indirect} compares with an immediate.
 */
public final class ModuleContextLayout {

    public static final int INSTANCE_HANDLE = 0;
    private static final int HEADER = 16;
    public static final int CELL_SIZE = 16;
    public static final int POINTER_SIZE = 8;
    public static final int IMPORT_SIZE = 24;
    /** Offsets inside an imported function's entry. */
    public static final int IMPORT_CODE = 0;
    public static final int IMPORT_CONTEXT = 8;
    public static final int IMPORT_TYPE_ID = 16;
    public static final int ALIGNMENT = 16;

    private final int definedGlobals;
    private final int memories;
    private final int tables;
    private final int importedGlobals;
    private final int importedFunctions;
    private final int memoriesAt;
    private final int tablesAt;
    private final int importedGlobalsAt;
    private final int importedFunctionsAt;
    private final int size;

    /** The layout for instances of {@code module}. */
    public static ModuleContextLayout of(Module module) {
        return new ModuleContextLayout(module.globals().size(), module.memorySpace().size(),
                module.tableSpace().size(), module.importedGlobalCount(), module.importedFunctionCount());
    }

    ModuleContextLayout(int definedGlobals, int memories, int tables, int importedGlobals, int importedFunctions) {
        this.definedGlobals = definedGlobals;
        this.memories = memories;
        this.tables = tables;
        this.importedGlobals = importedGlobals;
        this.importedFunctions = importedFunctions;
        long at = HEADER + (long) CELL_SIZE * definedGlobals;
        memoriesAt = checked(at);
        at += (long) POINTER_SIZE * memories;
        tablesAt = checked(at);
        at += (long) POINTER_SIZE * tables;
        importedGlobalsAt = checked(at);
        at += (long) POINTER_SIZE * importedGlobals;
        importedFunctionsAt = checked(at);
        at += (long) IMPORT_SIZE * importedFunctions;
        size = checked((at + ALIGNMENT - 1) & -ALIGNMENT);
    }

    /** Offsets are 32-bit displacements; a module whose context would not fit is refused. */
    private static int checked(long offset) {
        if (offset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the module context would need " + offset + " bytes");
        }
        return (int) offset;
    }

    /** The cell of defined global {@code defined} (its index among the module's own globals). */
    public int globalCell(int defined) {
        return HEADER + CELL_SIZE * index(defined, definedGlobals, "defined global");
    }

    /** The pointer to memory {@code index}'s descriptor. */
    public int memory(int index) {
        return memoriesAt + POINTER_SIZE * index(index, memories, "memory");
    }

    /** The pointer to table {@code index}'s descriptor. */
    public int table(int index) {
        return tablesAt + POINTER_SIZE * index(index, tables, "table");
    }

    /** The pointer to imported global {@code index}'s cell. */
    public int importedGlobal(int index) {
        return importedGlobalsAt + POINTER_SIZE * index(index, importedGlobals, "imported global");
    }

    /** The entry of imported function {@code index}. */
    public int importedFunction(int index) {
        return importedFunctionsAt + IMPORT_SIZE * index(index, importedFunctions, "imported function");
    }

    /** The struct's size in bytes, a multiple of {@link #ALIGNMENT}. */
    public int size() {
        return size;
    }

    private static int index(int index, int count, String what) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(what + " " + index + " of " + count);
        }
        return index;
    }

    /** The layout as a table of offsets, for golden tests and {@code -Dkiln.dump}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        line(out, INSTANCE_HANDLE, 8, "instance handle");
        for (int g = 0; g < definedGlobals; g++) {
            line(out, globalCell(g), CELL_SIZE, "global cell " + g);
        }
        for (int m = 0; m < memories; m++) {
            line(out, memory(m), POINTER_SIZE, "memory " + m + " descriptor");
        }
        for (int t = 0; t < tables; t++) {
            line(out, table(t), POINTER_SIZE, "table " + t + " descriptor");
        }
        for (int g = 0; g < importedGlobals; g++) {
            line(out, importedGlobal(g), POINTER_SIZE, "imported global " + g + " cell");
        }
        for (int f = 0; f < importedFunctions; f++) {
            line(out, importedFunction(f), IMPORT_SIZE, "imported function " + f + " (code, context, type id)");
        }
        return out.append(String.format("0x%04x        size%n", size)).toString();
    }

    private static void line(StringBuilder out, int offset, int size, String what) {
        out.append(String.format("0x%04x  %4d  %s%n", offset, size, what));
    }
}
