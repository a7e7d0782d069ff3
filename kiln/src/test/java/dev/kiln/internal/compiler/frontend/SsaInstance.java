package dev.kiln.internal.compiler.frontend;

import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.SsaInterpreter;
import dev.kiln.internal.compiler.ssa.SsaInterpreter.Trapped;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.FunctionRecord;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.internal.wasm.TableType;
import dev.kiln.internal.wasm.TypeIds;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An instance of a module whose functions run as the frontend's SSA on {@link SsaInterpreter}:
 * the environment plays the native side, laying out a fake address space the way the runtime
 * does, so the IR's loads through the module context, table descriptors and function records
 * find what they would in native memory:
 *
 * <pre>
 *   CONTEXT               the module context: table(t) holds DESCRIPTORS + 16 t; imported
 *                         function i's entry holds code CODE + i and context HOST
 *   DESCRIPTORS + 16 t    table t's descriptor: base = ELEMENTS(t), length (u32 at +8)
 *   ELEMENTS(t) + 8 i     element i: a record address (funcref) or a handle (externref)
 *   RECORDS + 24 f        function f's record: code CODE + f, context CONTEXT, type id
 *   MEMORY + a            byte a of linear memory
 * </pre>
 *
 * Funcref global cells hold reference ids ({@code ID + f}, 0 for null), different from record
 * addresses, so a missing conversion shows. Any other address is an {@link AssertionError}: the
 * frontend let a bad access through.
 *
 * <p>The only imports are the spec suite's {@code spectest} module's: its print functions do
 * nothing, its globals hold 666 (666.6), and its table (10..20) and memory (1..2 pages) are this
 * instance's own, which is what a script sees unless two modules share them.
 */
final class SsaInstance implements SsaInterpreter.Environment {

    /** A module this environment cannot instantiate: it imports from outside {@code spectest}. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private static final long EXECUTION_CONTEXT = 0xE000;
    private static final long CONTEXT = 0x1_0000;
    private static final long HOST = 0x4057;
    private static final long DESCRIPTORS = 0x10_0000;
    private static final long RECORDS = 0x20_0000;
    private static final long ID = 0x7000_0000L;
    private static final long CODE = 0xC0DE_0000_0000L;
    private static final long MEMORY = 0x100_0000_0000L;
    private static final int PAGE = 65536;

    private final Module module;
    private final Frontend frontend;
    private final ModuleContextLayout layout;
    private final Function[] lowered;
    /** What runs on each function after the frontend: nothing, or the optimizer's passes. */
    private final UnaryOperator<Function> passes;

    /** Linear memory in 64 KiB pages, made on first write, so a large memory costs what is written. */
    private final byte[][] pages;
    private final boolean hasMemory;
    private long memoryPages;
    private final long maxPages;
    private final long[] globals;
    private final long[][] tables;
    private final long[] tableMax;
    private final boolean[] dataDropped;
    private final boolean[] elementsDropped;

    /** Instantiates {@code module}: imports, globals, tables, memory, active segments, start. */
    SsaInstance(Module module) {
        this(module, UnaryOperator.identity());
    }

    /** The same, each function run as {@code passes} leave it after the frontend. */
    SsaInstance(Module module, UnaryOperator<Function> passes) {
        this.module = module;
        this.passes = passes;
        this.frontend = new Frontend(module);
        this.layout = ModuleContextLayout.of(module);
        this.lowered = new Function[module.code().size()];
        globals = new long[module.globalSpace().size()];
        int importedGlobals = 0;
        for (Import i : module.imports()) {
            if (!i.module().equals("spectest")) {
                throw new Unsupported("imports " + i.module() + "." + i.name());
            }
            if (i.kind() == ExternalKind.GLOBAL) {
                globals[importedGlobals++] = switch (i.name()) {
                    case "global_f32" -> Float.floatToRawIntBits(666.6f) & 0xFFFF_FFFFL;
                    case "global_f64" -> Double.doubleToRawLongBits(666.6);
                    default -> 666;
                };
            }
        }
        hasMemory = !module.memorySpace().isEmpty();
        if (hasMemory) {
            Limits limits = module.memories().isEmpty() ? new Limits(1, 2) : module.memories().getFirst().limits();
            memoryPages = limits.min();
            maxPages = limits.hasMax() ? limits.max() : PAGE;
        } else {
            maxPages = 0;
        }
        pages = new byte[(int) maxPages][];
        for (int g = importedGlobals; g < globals.length; g++) {
            GlobalDefinition d = module.globals().get(g - importedGlobals);
            long value = constant(d.init());
            globals[g] = d.type().type() == ValueType.FUNCREF ? idOf(value) : value;
        }
        List<TableType> tableSpace = module.tableSpace();
        int importedTables = tableSpace.size() - module.tables().size();
        tables = new long[tableSpace.size()][];
        tableMax = new long[tables.length];
        for (int t = 0; t < tables.length; t++) {
            Limits limits = t < importedTables ? new Limits(10, 20) : tableSpace.get(t).limits();
            tables[t] = new long[(int) limits.min()];
            tableMax[t] = limits.hasMax() ? limits.max() : TableInstance.MAX_ELEMENTS;
        }
        dataDropped = new boolean[module.data().size()];
        elementsDropped = new boolean[module.elements().size()];
        for (int e = 0; e < elementsDropped.length; e++) {
            ElementSegment segment = module.elements().get(e);
            if (segment.mode() == SegmentMode.ACTIVE) {
                tableInit(e, segment.tableIndex(), constant(segment.offset()), 0, segment.items().length);
            }
            elementsDropped[e] = segment.mode() != SegmentMode.PASSIVE;
        }
        for (int d = 0; d < dataDropped.length; d++) {
            DataSegment segment = module.data().get(d);
            if (segment.mode() == SegmentMode.ACTIVE) {
                memoryInit(d, constant(segment.offset()), 0, segment.bytes().length);
                dataDropped[d] = true;
            }
        }
        if (module.startFunction() != Module.ABSENT) {
            invoke(module.startFunction(), new long[0]);
        }
    }

    /** Calls function {@code function} with its WebAssembly arguments; returns its results. */
    long[] invoke(int function, long[] arguments) {
        long[] all = new long[arguments.length + 2];
        all[0] = EXECUTION_CONTEXT;
        all[1] = function < module.importedFunctionCount() ? HOST : CONTEXT;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return callIndirect(CODE + function, all);
    }

    /** The value of global {@code global} as the API would give it (a funcref as its id). */
    long global(int global) {
        return globals[global];
    }

    /** A constant expression's value: a number's bits, or a reference (a record address). */
    private long constant(Instruction[] expression) {
        Instruction in = expression[0];
        return switch (in.op()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> in.c();
            case REF_NULL -> 0;
            case REF_FUNC -> record(in.a());
            case GLOBAL_GET -> module.globalSpace().get(in.a()).type() == ValueType.FUNCREF ? recordOf(globals[in.a()])
                    : globals[in.a()];
            default -> throw new IllegalArgumentException("not a constant expression: " + in);
        };
    }

    private static long record(int function) {
        return RECORDS + FunctionRecord.SIZE * function;
    }

    private static long idOf(long record) {
        return record == 0 ? 0 : ID + (record - RECORDS) / FunctionRecord.SIZE;
    }

    private static long recordOf(long id) {
        return id == 0 ? 0 : record((int) (id - ID));
    }

    // The environment.

    @Override
    public long read(long address, int bytes) {
        if (address >= MEMORY) {
            checkMemory(address - MEMORY, bytes);
            long value = 0;
            for (int b = bytes - 1; b >= 0; b--) {
                value = value << 8 | (byteAt(address - MEMORY + b) & 0xFF);
            }
            return value;
        }
        for (int t = 0; t < tables.length; t++) {
            long elements = elements(t);
            if (address >= elements && address < elements + 8L * tables[t].length) {
                require(bytes == 8 && (address - elements) % 8 == 0, address);
                return tables[t][(int) ((address - elements) / 8)];
            }
            long descriptor = DESCRIPTORS + 16L * t;
            if (address == descriptor + TableInstance.BASE && bytes == 8) {
                return elements;
            }
            if (address == descriptor + TableInstance.LENGTH && bytes == 4) {
                return tables[t].length;
            }
            if (address == CONTEXT + layout.table(t) && bytes == 8) {
                return descriptor;
            }
        }
        for (int f = 0; f < module.importedFunctionCount(); f++) {
            if (address == CONTEXT + layout.importedFunction(f) + ModuleContextLayout.IMPORT_CODE && bytes == 8) {
                return CODE + f;
            }
            if (address == CONTEXT + layout.importedFunction(f) + ModuleContextLayout.IMPORT_CONTEXT && bytes == 8) {
                return HOST;
            }
        }
        if (address >= RECORDS && address < record(module.functionCount())) {
            int f = (int) ((address - RECORDS) / FunctionRecord.SIZE);
            long field = address - record(f);
            if (field == FunctionRecord.CODE && bytes == 8) {
                return CODE + f;
            }
            if (field == FunctionRecord.CONTEXT && bytes == 8) {
                return f < module.importedFunctionCount() ? HOST : CONTEXT;
            }
            if (field == FunctionRecord.TYPE_ID && bytes == 4) {
                return TypeIds.of(module.functionType(f));
            }
        }
        throw new AssertionError("a read of " + bytes + " bytes at 0x" + Long.toHexString(address) + ": nothing is there");
    }

    @Override
    public void write(long address, int bytes, long value) {
        require(address >= MEMORY, address);
        checkMemory(address - MEMORY, bytes);
        for (int b = 0; b < bytes; b++) {
            setByte(address - MEMORY + b, (byte) (value >>> (8 * b)));
        }
    }

    @Override
    public long memoryBase(long moduleContext, int memory) {
        require(moduleContext == CONTEXT && memory == 0 && hasMemory, moduleContext);
        return MEMORY;
    }

    @Override
    public long memoryLength(long moduleContext, int memory) {
        require(moduleContext == CONTEXT && memory == 0 && hasMemory, moduleContext);
        return memoryPages * PAGE;
    }

    @Override
    public long globalGet(long moduleContext, int global) {
        require(moduleContext == CONTEXT, moduleContext);
        return globals[global];
    }

    @Override
    public void globalSet(long moduleContext, int global, long value) {
        require(moduleContext == CONTEXT, moduleContext);
        globals[global] = value;
    }

    @Override
    public long[] call(int function, long[] arguments) {
        int defined = function - module.importedFunctionCount();
        require(arguments[0] == EXECUTION_CONTEXT && arguments[1] == CONTEXT && defined >= 0, arguments[1]);
        if (lowered[defined] == null) {
            lowered[defined] = passes.apply(frontend.lower(defined));
        }
        return SsaInterpreter.run(lowered[defined], this, arguments);
    }

    @Override
    public long[] callIndirect(long code, long[] arguments) {
        require(code >= CODE && code < CODE + module.functionCount(), code);
        int function = (int) (code - CODE);
        if (function < module.importedFunctionCount()) {
            // spectest's print functions, through their import entry or a table: they do nothing.
            require(arguments[0] == EXECUTION_CONTEXT && arguments[1] == HOST, arguments[1]);
            return new long[0];
        }
        return call(function, arguments);
    }

    @Override
    public long[] exit(ExitCode code, long[] a) {
        require(a[0] == EXECUTION_CONTEXT && a[1] == CONTEXT, a[1]);
        switch (code) {
            case MEMORY_GROW -> {
                long old = memoryPages;
                long grown = old + u32(a[3]);
                if (grown > maxPages) {
                    return new long[] {-1};
                }
                memoryPages = grown;
                return new long[] {old};
            }
            case TABLE_GROW -> {
                long[] table = tables[(int) a[2]];
                long grown = table.length + u32(a[4]);
                if (grown > tableMax[(int) a[2]]) {
                    return new long[] {-1};
                }
                long[] bigger = Arrays.copyOf(table, (int) grown);
                Arrays.fill(bigger, table.length, bigger.length, a[3]);
                tables[(int) a[2]] = bigger;
                return new long[] {table.length};
            }
            case MEMORY_FILL -> {
                checkRange(u32(a[3]), u32(a[5]), memoryPages * PAGE, TrapKind.MEMORY_OUT_OF_BOUNDS);
                for (long i = 0; i < u32(a[5]); i++) {
                    setByte(u32(a[3]) + i, (byte) a[4]);
                }
            }
            case MEMORY_COPY -> {
                long length = u32(a[6]);
                checkRange(u32(a[4]), length, memoryPages * PAGE, TrapKind.MEMORY_OUT_OF_BOUNDS);
                checkRange(u32(a[5]), length, memoryPages * PAGE, TrapKind.MEMORY_OUT_OF_BOUNDS);
                byte[] copy = new byte[(int) length];
                for (int i = 0; i < length; i++) {
                    copy[i] = byteAt(u32(a[5]) + i);
                }
                for (int i = 0; i < length; i++) {
                    setByte(u32(a[4]) + i, copy[i]);
                }
            }
            case MEMORY_INIT -> memoryInit((int) a[2], u32(a[4]), u32(a[5]), u32(a[6]));
            case DATA_DROP -> dataDropped[(int) a[2]] = true;
            case TABLE_SET -> {
                long[] table = tables[(int) a[2]];
                checkRange(u32(a[3]), 1, table.length, TrapKind.TABLE_OUT_OF_BOUNDS);
                table[(int) u32(a[3])] = a[4];
            }
            case TABLE_FILL -> {
                long[] table = tables[(int) a[2]];
                checkRange(u32(a[3]), u32(a[5]), table.length, TrapKind.TABLE_OUT_OF_BOUNDS);
                Arrays.fill(table, (int) u32(a[3]), (int) (u32(a[3]) + u32(a[5])), a[4]);
            }
            case TABLE_COPY -> {
                long[] to = tables[(int) a[2]];
                long[] from = tables[(int) a[3]];
                long length = u32(a[6]);
                checkRange(u32(a[4]), length, to.length, TrapKind.TABLE_OUT_OF_BOUNDS);
                checkRange(u32(a[5]), length, from.length, TrapKind.TABLE_OUT_OF_BOUNDS);
                System.arraycopy(from, (int) u32(a[5]), to, (int) u32(a[4]), (int) length);
            }
            case TABLE_INIT -> tableInit((int) a[2], (int) a[3], u32(a[4]), u32(a[5]), u32(a[6]));
            case ELEM_DROP -> elementsDropped[(int) a[2]] = true;
            case REF_FUNC -> {
                return new long[] {record((int) a[2])};
            }
            case FUNCREF_FROM_ID -> {
                return new long[] {recordOf(a[2])};
            }
            case FUNCREF_TO_ID -> {
                return new long[] {idOf(a[2])};
            }
            default -> throw new AssertionError("no such exit from compiled code: " + code);
        }
        return new long[0];
    }

    private void memoryInit(int segment, long destination, long source, long length) {
        byte[] bytes = dataDropped[segment] ? new byte[0] : module.data().get(segment).bytes();
        checkRange(source, length, bytes.length, TrapKind.MEMORY_OUT_OF_BOUNDS);
        checkRange(destination, length, memoryPages * PAGE, TrapKind.MEMORY_OUT_OF_BOUNDS);
        for (int i = 0; i < length; i++) {
            setByte(destination + i, bytes[(int) source + i]);
        }
    }

    private void tableInit(int segment, int table, long destination, long source, long length) {
        Instruction[][] items = elementsDropped[segment] ? new Instruction[0][] : module.elements().get(segment).items();
        checkRange(source, length, items.length, TrapKind.TABLE_OUT_OF_BOUNDS);
        checkRange(destination, length, tables[table].length, TrapKind.TABLE_OUT_OF_BOUNDS);
        for (int i = 0; i < length; i++) {
            tables[table][(int) destination + i] = constant(items[(int) source + i]);
        }
    }

    private static void checkRange(long start, long length, long size, TrapKind kind) {
        if (start + length > size) {
            throw new Trapped(kind);
        }
    }

    private void checkMemory(long offset, int bytes) {
        if (offset < 0 || offset + bytes > memoryPages * PAGE) {
            throw new AssertionError("an access of " + bytes + " bytes at " + offset + " in a memory of "
                    + memoryPages + " pages: a bounds check is missing");
        }
    }

    private byte byteAt(long offset) {
        byte[] page = pages[(int) (offset / PAGE)];
        return page == null ? 0 : page[(int) (offset % PAGE)];
    }

    private void setByte(long offset, byte value) {
        int p = (int) (offset / PAGE);
        if (pages[p] == null) {
            if (value == 0) {
                return;
            }
            pages[p] = new byte[PAGE];
        }
        pages[p][(int) (offset % PAGE)] = value;
    }

    private long elements(int table) {
        return 0x1_0000_0000L * (table + 1);
    }

    private static long u32(long value) {
        return value & 0xFFFF_FFFFL;
    }

    private static void require(boolean ok, long what) {
        if (!ok) {
            throw new AssertionError("compiled code passed 0x" + Long.toHexString(what) + " where it should not");
        }
    }
}
