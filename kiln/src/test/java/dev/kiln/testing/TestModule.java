package dev.kiln.testing;

import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.Instructions.refNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.ModuleConfig;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import dev.kiln.internal.binary.ModuleEncoder;
import dev.kiln.internal.validate.FunctionFacts;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.FunctionBody;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.internal.wasm.TableType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds WebAssembly modules for tests, section by section, and hands them out as a decoded
 * {@link Module}, as its binary encoding, instantiated, or judged by the validator.
 *
 * <p>Function bodies are {@link Instructions}, as factories or in the one-line text form. Bodies
 * and constant expressions get their final {@code end} added, and every instruction a distinct
 * byte offset, so that messages can be checked: instruction {@code i} of defined function
 * {@code f} is at {@code (f + 1) * BODY_BASE + i}, and of a constant expression at {@code i}.
 *
 * <p>Methods that add a function return its index; the others return the builder. Definitions
 * that take a name first are also exported under that name (a function gets it in the name
 * section too); other exports are explicit. Imports must come before the definitions of their
 * kind. Types are shared: {@link #type(FunctionType)} adds a signature only once.
 *
 * <p>{@link #contents} lists any module's contents as text, to compare modules.
 */
public final class TestModule {

    /** Instruction {@code i} of defined function {@code f} is at offset {@code (f + 1) * BODY_BASE + i}. */
    public static final int BODY_BASE = 1000;

    private final List<FunctionType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalDefinition> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int start = Module.ABSENT;
    private final List<ElementSegment> elements = new ArrayList<>();
    private int dataCount = Module.ABSENT;
    private final List<FunctionBody> code = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private String moduleName;
    private final Map<Integer, String> functionNames = new HashMap<>();

    /** A module with one function of the given type and body: the usual shape of a validator test. */
    public static TestModule withFunction(List<ValueType> params, List<ValueType> results, Instruction... body) {
        TestModule module = new TestModule();
        module.function(module.type(params, results), body);
        return module;
    }

    /** A module with one function without parameters. */
    public static TestModule withFunction(List<ValueType> results, Instruction... body) {
        return withFunction(List.of(), results, body);
    }

    /** {@code [params] -> [results]} from two strings of value type names, e.g. {@code "i32 i64"}. */
    public static FunctionType sig(String params, String results) {
        return FunctionType.of(valueTypes(params), valueTypes(results));
    }

    /** Names the module (in the name section, and when instantiated). */
    public TestModule named(String name) {
        moduleName = name;
        return this;
    }

    /** The index of {@code type} in the type section, adding it if new. */
    public int type(FunctionType type) {
        int index = types.indexOf(type);
        if (index < 0) {
            types.add(type);
            index = types.size() - 1;
        }
        return index;
    }

    /** The index of {@code [params] -> [results]}, adding it if new. */
    public int type(List<ValueType> params, List<ValueType> results) {
        return type(FunctionType.of(params, results));
    }

    /** Imports a function as {@code module.name}; returns its function index. */
    public int importFunction(String module, String name, FunctionType type) {
        return importFunction(module, name, type(type));
    }

    /** Imports a function of type {@code typeIndex} as {@code env.fN}; returns its function index. */
    public int importFunction(int typeIndex) {
        return importFunction("env", "f" + imports.size(), typeIndex);
    }

    /** Imports a global as {@code env.gN}. */
    public TestModule importGlobal(ValueType type, boolean mutable) {
        return importGlobal("env", "g" + imports.size(), type, mutable);
    }

    /** Imports a global as {@code module.name}. */
    public TestModule importGlobal(String module, String name, ValueType type, boolean mutable) {
        imports.add(Import.global(module, name, new GlobalType(type, mutable)));
        return this;
    }

    /** Imports a memory as {@code module.name}; {@code max} may be {@link Limits#NO_MAX}. */
    public TestModule importMemory(String module, String name, long min, long max) {
        imports.add(Import.memory(module, name, new MemoryType(new Limits(min, max))));
        return this;
    }

    /** Imports a memory as {@code env.mN}. */
    public TestModule importMemory(long min, long max) {
        return importMemory("env", "m" + imports.size(), min, max);
    }

    /** Imports a table as {@code env.tN}. */
    public TestModule importTable(ValueType type, long min, long max) {
        return importTable("env", "t" + imports.size(), type, min, max);
    }

    /** Imports a table as {@code module.name}; {@code max} may be {@link Limits#NO_MAX}. */
    public TestModule importTable(String module, String name, ValueType type, long min, long max) {
        imports.add(Import.table(module, name, new TableType(type, new Limits(min, max))));
        return this;
    }

    /** Defines a function of type {@code typeIndex} with declared locals; returns its function index. */
    public int function(int typeIndex, List<ValueType> locals, Instruction... body) {
        int bodyOffset = (code.size() + 1) * BODY_BASE;
        code.add(new FunctionBody(bodyOffset, locals.toArray(ValueType[]::new), stamp(bodyOffset, body, true)));
        return declare(typeIndex);
    }

    /** Defines a function without locals. */
    public int function(int typeIndex, Instruction... body) {
        return function(typeIndex, List.of(), body);
    }

    /** Defines a function from the text form, exported and named {@code name}. */
    public int function(String name, FunctionType type, String body, ValueType... locals) {
        int index = function(type(type), List.of(locals), Instructions.parse(body));
        functionNames.put(index, name);
        exports.add(new Export(name, ExternalKind.FUNCTION, index));
        return index;
    }

    /** Defines a function whose body is used exactly as given (no end added). */
    public int rawFunction(int typeIndex, Instruction... body) {
        int bodyOffset = (code.size() + 1) * BODY_BASE;
        code.add(new FunctionBody(bodyOffset, new ValueType[0], stamp(bodyOffset, body, false)));
        return declare(typeIndex);
    }

    /** Declares a function in the function section without a body (a section count mismatch). */
    public int functionWithoutBody(int typeIndex) {
        return declare(typeIndex);
    }

    public TestModule table(ValueType type, long min, long max) {
        tables.add(new TableType(type, new Limits(min, max)));
        return this;
    }

    /** A funcref table of {@code size} holding {@code functions} from index 0 (-1 leaves an element null). */
    public TestModule functionTable(int size, int... functions) {
        return table(ValueType.FUNCREF, size, Limits.NO_MAX).activeElements(tables.size() - 1, functions);
    }

    /** Defines a memory; {@code max} may be {@link Limits#NO_MAX}. */
    public TestModule memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    /** Defines a memory and exports it as {@code name}. */
    public TestModule memory(String name, long min, long max) {
        memory(min, max);
        return export(name, ExternalKind.MEMORY, imported(ExternalKind.MEMORY) + memories.size() - 1);
    }

    /** Defines a global. */
    public TestModule global(ValueType type, boolean mutable, Instruction... init) {
        globals.add(new GlobalDefinition(new GlobalType(type, mutable), constant(init)));
        return this;
    }

    /** Defines a global initialized by the text form, and exports it as {@code name}. */
    public TestModule global(String name, ValueType type, boolean mutable, String init) {
        global(type, mutable, Instructions.parse(init));
        return export(name, ExternalKind.GLOBAL, imported(ExternalKind.GLOBAL) + globals.size() - 1);
    }

    public TestModule export(String name, ExternalKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    public TestModule start(int function) {
        start = function;
        return this;
    }

    /** An active element segment in table {@code table} at offset 0 of references to {@code functions} (-1: null). */
    public TestModule activeElements(int table, int... functions) {
        return element(SegmentMode.ACTIVE, table, new Instruction[] {i32(0)}, ValueType.FUNCREF, references(functions));
    }

    public TestModule declarativeElements(int... functions) {
        return element(SegmentMode.DECLARATIVE, 0, null, ValueType.FUNCREF, references(functions));
    }

    /** Any element segment; {@code offset} is {@code null} unless active. */
    public TestModule element(SegmentMode mode, int table, Instruction[] offset, ValueType type, Instruction[][] items) {
        Instruction[][] ended = Arrays.stream(items).map(TestModule::constant).toArray(Instruction[][]::new);
        elements.add(new ElementSegment(mode, table, offset == null ? null : constant(offset), type, ended));
        return this;
    }

    /** An active data segment of {@code bytes} in memory 0 at {@code offset}. */
    public TestModule data(int offset, byte[] bytes) {
        data.add(new DataSegment(SegmentMode.ACTIVE, 0, constant(i32(offset)), bytes));
        return this;
    }

    /** An active data segment of two bytes in {@code memory} at the constant {@code offset}. */
    public TestModule activeData(int memory, Instruction... offset) {
        data.add(new DataSegment(SegmentMode.ACTIVE, memory, constant(offset), twoBytes()));
        return this;
    }

    /** A passive data segment of two bytes. */
    public TestModule passiveData() {
        data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, twoBytes()));
        return this;
    }

    public TestModule dataCount(int count) {
        dataCount = count;
        return this;
    }

    /** Names function {@code function} in the name section. */
    public TestModule name(int function, String name) {
        functionNames.put(function, name);
        return this;
    }

    public Module module() {
        int[] typeIndices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
        return new Module(types, imports, typeIndices, tables, memories, globals, exports, start, elements, dataCount,
                code, data, new NameSection(moduleName, functionNames, Map.of()), List.of());
    }

    /** The module's binary encoding. */
    public byte[] encode() {
        return ModuleEncoder.encode(module());
    }

    /** Compiles and instantiates the module (through the decoder and validator). */
    public Instance instantiate(Runtime runtime) {
        return runtime.instantiate(runtime.compile(encode()), moduleName == null ? ModuleConfig.anonymous()
                : ModuleConfig.named(moduleName));
    }

    /** Asserts the module validates. */
    public FunctionFacts assertValid() {
        return Validator.validate(module());
    }

    /** Asserts the module is rejected as invalid with a message containing {@code phrase}. */
    public CompileException assertInvalid(String phrase) {
        return assertRejected(CompileException.Reason.INVALID, phrase);
    }

    /** Asserts the module is rejected for {@code reason} with a message containing {@code phrase}. */
    public CompileException assertRejected(CompileException.Reason reason, String phrase) {
        Module module = module();
        CompileException e = assertThrows(CompileException.class, () -> Validator.validate(module));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), () -> "expected \"" + phrase + "\" in: " + e.getMessage());
        return e;
    }

    /**
     * A module's contents as lines of text, leaving out byte offsets. Two modules with the same
     * lines have the same contents, which is what a round trip through the encoder must preserve
     * (offsets change because the encoder writes the shortest LEB128 forms).
     */
    public static List<String> contents(Module m) {
        List<String> lines = new ArrayList<>();
        listDefinitions(m, lines);
        listSegmentsAndCode(m, lines);
        listNames(m, lines);
        m.customSections().forEach(c -> lines.add("custom " + c.name() + " " + HexFormat.of().formatHex(c.contents())));
        return lines;
    }

    private int importFunction(String module, String name, int typeIndex) {
        imports.add(Import.function(module, name, typeIndex));
        return imported(ExternalKind.FUNCTION) - 1;
    }

    private int imported(ExternalKind kind) {
        return (int) imports.stream().filter(i -> i.kind() == kind).count();
    }

    /** Adds {@code typeIndex} to the function section; returns the new function's index. */
    private int declare(int typeIndex) {
        functionTypes.add(typeIndex);
        return imported(ExternalKind.FUNCTION) + functionTypes.size() - 1;
    }

    /** The contents of the segments that {@link #activeData} and {@link #passiveData} add. */
    private static byte[] twoBytes() {
        return new byte[] {1, 2};
    }

    private static Instruction[][] references(int... functions) {
        return Arrays.stream(functions).mapToObj(f -> new Instruction[] {f < 0 ? refNull(ValueType.FUNCREF)
                : op(Op.REF_FUNC, f)}).toArray(Instruction[][]::new);
    }

    private static Instruction[] constant(Instruction... instructions) {
        return stamp(0, instructions, true);
    }

    /** The instructions at offsets from {@code base}, with an {@code end} after them if {@code addEnd}. */
    private static Instruction[] stamp(int base, Instruction[] instructions, boolean addEnd) {
        Instruction[] stamped = new Instruction[instructions.length + (addEnd ? 1 : 0)];
        for (int i = 0; i < instructions.length; i++) {
            Instruction in = instructions[i];
            stamped[i] = new Instruction(in.op(), base + i, in.a(), in.b(), in.c(), in.data());
        }
        if (addEnd) {
            stamped[instructions.length] = Instruction.of(Op.END, base + instructions.length);
        }
        return stamped;
    }

    private static List<ValueType> valueTypes(String names) {
        if (names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(names.trim().split("\\s+")).map(Instructions::valueType).toList();
    }

    private static void listDefinitions(Module m, List<String> lines) {
        m.types().forEach(x -> lines.add("type " + x));
        m.imports().forEach(x -> lines.add("import " + x));
        lines.add("functions " + Arrays.toString(m.functionTypeIndices()));
        m.tables().forEach(x -> lines.add("table " + x));
        m.memories().forEach(x -> lines.add("memory " + x));
        for (GlobalDefinition g : m.globals()) {
            lines.add("global " + g.type());
            listExpression(g.init(), lines);
        }
        m.exports().forEach(x -> lines.add("export " + x));
        lines.add("start " + m.startFunction());
    }

    private static void listSegmentsAndCode(Module m, List<String> lines) {
        for (ElementSegment e : m.elements()) {
            lines.add("elem " + e.mode() + " table=" + e.tableIndex() + " " + e.type() + " items=" + e.items().length);
            listExpression(e.offset(), lines);
            for (Instruction[] item : e.items()) {
                listExpression(item, lines);
            }
        }
        lines.add("datacount " + m.dataCount());
        for (FunctionBody body : m.code()) {
            lines.add("func locals=" + Arrays.toString(body.locals()));
            listExpression(body.code(), lines);
        }
        for (DataSegment d : m.data()) {
            lines.add("data " + d.mode() + " memory=" + d.memoryIndex() + " " + HexFormat.of().formatHex(d.bytes()));
            listExpression(d.offset(), lines);
        }
    }

    private static void listNames(Module m, List<String> lines) {
        lines.add("module name " + m.names().moduleName());
        lines.add("function names " + new TreeMap<>(m.names().functionNames()));
        m.names().localNames().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lines.add("local names " + e.getKey() + " " + new TreeMap<>(e.getValue())));
    }

    private static void listExpression(Instruction[] code, List<String> lines) {
        if (code == null) {
            lines.add("  (none)");
            return;
        }
        for (Instruction i : code) {
            lines.add("  " + withoutOffset(i));
        }
    }

    /** Every field but the offset, so stray immediates would show too. */
    private static String withoutOffset(Instruction i) {
        String data = i.data() == null ? "" : " " + Arrays.deepToString(new Object[] {i.data()});
        return i.op().mnemonic() + " a=" + i.a() + " b=" + i.b() + " c=" + i.c() + data;
    }
}
