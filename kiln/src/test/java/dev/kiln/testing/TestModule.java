package dev.kiln.testing;

import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.ModuleConfig;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import dev.kiln.internal.binary.ModuleEncoder;
import dev.kiln.internal.wasm.BlockType;
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
import java.util.List;
import java.util.Map;

/**
 * Builds small modules for tests of the engines and the API. Function bodies are written in a one-line text
 * form: mnemonics followed by their immediates, for example
 * {@code "local.get 0 i32.const -1 i32.add block i32 ... end br_table 0,1,2 i32.load offset=8"}.
 * Block types are {@code []} (or nothing), a value type, or {@code type=N}; floats are Java literals,
 * {@code nan}, {@code -nan}, {@code inf}, {@code -inf} or raw bits {@code bits:0x7fa00000}; the
 * memory index of {@code memory.*} is implicit (0) and {@code v128.const} is zero. The final
 * {@code end} of bodies and constant expressions is added.
 */
public final class TestModule {

    private static final Map<String, Op> OPS = new HashMap<>();

    static {
        for (Op op : Op.values()) {
            OPS.put(op.mnemonic(), op);
        }
    }

    private final List<FunctionType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<FunctionBody> bodies = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalDefinition> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final Map<Integer, String> functionNames = new HashMap<>();
    private String moduleName;
    private int importedFunctions;
    private int start = Module.ABSENT;

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

    /** Imports a function; imports must come before definitions. Returns its function index. */
    public int importFunction(String module, String name, FunctionType type) {
        imports.add(Import.function(module, name, type(type)));
        return importedFunctions++;
    }

    /** Defines a function, exported and named {@code name}; returns its function index. */
    public int function(String name, FunctionType type, String body, ValueType... locals) {
        int index = importedFunctions + functionTypes.size();
        functionTypes.add(type(type));
        bodies.add(new FunctionBody(0, locals, assemble(body)));
        functionNames.put(index, name);
        exports.add(new Export(name, ExternalKind.FUNCTION, index));
        return index;
    }

    /** Makes function {@code functionIndex} the start function. */
    public TestModule start(int functionIndex) {
        start = functionIndex;
        return this;
    }

    /** Imports memory 0 (instead of defining it): {@code maxPages < 0} means no maximum. */
    public TestModule importMemory(String module, String name, int minPages, int maxPages) {
        imports.add(Import.memory(module, name, new MemoryType(new Limits(minPages, maxPages < 0 ? Limits.NO_MAX : maxPages))));
        return this;
    }

    /** Imports a funcref table of at least {@code minSize} elements (before any defined table). */
    public TestModule importTable(String module, String name, int minSize) {
        imports.add(Import.table(module, name, new TableType(ValueType.FUNCREF, new Limits(minSize, Limits.NO_MAX))));
        return this;
    }

    /** Imports a global (before any defined global). */
    public TestModule importGlobal(String module, String name, ValueType type, boolean mutable) {
        imports.add(Import.global(module, name, new GlobalType(type, mutable)));
        return this;
    }

    public TestModule memory(int minPages, int maxPages) {
        memories.add(new MemoryType(new Limits(minPages, maxPages < 0 ? Limits.NO_MAX : maxPages)));
        exports.add(new Export("memory", ExternalKind.MEMORY, 0));
        return this;
    }

    /** A funcref table holding {@code functions} from index 0 (-1 leaves an element null). */
    public TestModule table(int size, int... functions) {
        int table = tables.size();
        tables.add(new TableType(ValueType.FUNCREF, new Limits(size, Limits.NO_MAX)));
        Instruction[][] items = new Instruction[functions.length][];
        for (int i = 0; i < functions.length; i++) {
            items[i] = functions[i] < 0 ? assemble("ref.null funcref") : assemble("ref.func " + functions[i]);
        }
        elements.add(new ElementSegment(SegmentMode.ACTIVE, table, assemble("i32.const 0"), ValueType.FUNCREF, items));
        return this;
    }

    /** Exports item {@code index} of {@code kind} as {@code name}. */
    public TestModule export(String name, ExternalKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    public TestModule global(String name, ValueType type, boolean mutable, String init) {
        globals.add(new GlobalDefinition(new GlobalType(type, mutable), assemble(init)));
        exports.add(new Export(name, ExternalKind.GLOBAL, globals.size() - 1));
        return this;
    }

    public TestModule data(int offset, byte[] bytes) {
        data.add(new DataSegment(SegmentMode.ACTIVE, 0, assemble("i32.const " + offset), bytes));
        return this;
    }

    public Module module() {
        int[] typeIndices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
        return new Module(types, imports, typeIndices, tables, memories, globals, exports, start, elements,
                Module.ABSENT, bodies, data, new NameSection(moduleName, functionNames, Map.of()), List.of());
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

    /** Parses the one-line text form into instructions, adding the final {@code end}. */
    public static Instruction[] assemble(String text) {
        List<Instruction> code = new ArrayList<>();
        String[] tokens = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        int offset = 0;
        for (int i = 0; i < tokens.length; i++) {
            Op op = OPS.get(tokens[i]);
            if (op == null) {
                throw new IllegalArgumentException("unknown instruction '" + tokens[i] + "' in: " + text);
            }
            String next = i + 1 < tokens.length ? tokens[i + 1] : "";
            Instruction instruction = switch (op.immediate()) {
                case NONE -> Instruction.of(op, offset);
                case BLOCK_TYPE -> new Instruction(op, offset, 0, 0, 0, isBlockType(next) ? blockType(next) : BlockType.EMPTY);
                case BR_TABLE -> new Instruction(op, offset, 0, 0, 0,
                        Arrays.stream(next.split(",")).mapToInt(Integer::parseInt).toArray());
                case CALL_INDIRECT, MEMORY_INIT, MEMORY_COPY, TABLE_INIT, TABLE_COPY -> {
                    int b = Integer.parseInt(tokens[i + 2]);
                    i++;
                    yield new Instruction(op, offset, Integer.parseInt(next), b, 0, null);
                }
                case SELECT_TYPES -> new Instruction(op, offset, 0, 0, 0, new ValueType[] {valueType(next)});
                case MEMARG -> {
                    if (!next.startsWith("offset=")) {
                        yield new Instruction(op, offset, 0, 0, 0, null);
                    }
                    yield new Instruction(op, offset, 0, 0, Long.decode(next.substring(7)), null);
                }
                case I32 -> new Instruction(op, offset, 0, 0, (int) Long.decode(next).longValue(), null);
                case I64 -> new Instruction(op, offset, 0, 0, parseI64(next), null);
                case F32 -> new Instruction(op, offset, 0, 0, f32Bits(next), null);
                case F64 -> new Instruction(op, offset, 0, 0, f64Bits(next), null);
                case REF_TYPE -> new Instruction(op, offset, 0, 0, 0, valueType(next));
                case MEMORY -> Instruction.of(op, offset);
                case V128 -> new Instruction(op, offset, 0, 0, 0, new byte[16]);
                default -> new Instruction(op, offset, Integer.parseInt(next), 0, 0, null);
            };
            boolean consumedNext = switch (op.immediate()) {
                case NONE -> false;
                case MEMARG -> next.startsWith("offset=");
                case BLOCK_TYPE -> isBlockType(next);
                case MEMORY, V128 -> false;
                default -> true;
            };
            if (consumedNext) {
                i++;
            }
            code.add(instruction);
            offset++;
        }
        code.add(Instruction.of(Op.END, offset));
        return code.toArray(Instruction[]::new);
    }

    private static boolean isBlockType(String token) {
        return token.equals("[]") || token.startsWith("type=")
                || Arrays.stream(ValueType.values()).anyMatch(t -> t.toString().equals(token));
    }

    private static BlockType blockType(String token) {
        if (token.equals("[]")) {
            return BlockType.EMPTY;
        }
        if (token.startsWith("type=")) {
            return BlockType.ofIndex(Integer.parseInt(token.substring(5)));
        }
        return BlockType.of(valueType(token));
    }

    private static ValueType valueType(String token) {
        for (ValueType t : ValueType.values()) {
            if (t.toString().equals(token)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a value type: " + token);
    }

    private static long parseI64(String token) {
        if (token.startsWith("0x")) {
            return Long.parseUnsignedLong(token.substring(2), 16);
        }
        return Long.parseLong(token);
    }

    public static long f32Bits(String token) {
        if (token.startsWith("bits:")) {
            return Long.decode(token.substring(5)) & 0xFFFFFFFFL;
        }
        float value = switch (token) {
            case "nan" -> Float.NaN;
            case "-nan" -> -Float.NaN;
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            default -> Float.parseFloat(token);
        };
        return Float.floatToRawIntBits(value) & 0xFFFFFFFFL;
    }

    public static long f64Bits(String token) {
        if (token.startsWith("bits:")) {
            return Long.parseUnsignedLong(token.substring(7), 16);
        }
        double value = switch (token) {
            case "nan" -> Double.NaN;
            case "-nan" -> -Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(token);
        };
        return Double.doubleToRawLongBits(value);
    }

    /** {@code [params] -> [results]} from two strings of value type names, e.g. {@code "i32 i64"}. */
    public static FunctionType sig(String params, String results) {
        return FunctionType.of(types(params), types(results));
    }

    private static List<ValueType> types(String names) {
        if (names.isBlank()) {
            return List.of();
        }
        return Arrays.stream(names.trim().split("\\s+")).map(TestModule::valueType).toList();
    }
}
