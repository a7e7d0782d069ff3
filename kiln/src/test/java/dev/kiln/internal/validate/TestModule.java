package dev.kiln.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.CompileException;
import dev.kiln.FunctionType;
import dev.kiln.ValueType;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link Module}s by hand for validator tests, and asserts verdicts. Function bodies and
 * constant expressions get their final {@code end} added, and every instruction gets a distinct
 * byte offset ({@link #BODY_BASE} apart per function) so that messages can be checked.
 */
final class TestModule {

    /** Instruction {@code i} of defined function {@code f} is at offset {@code (f + 1) * BODY_BASE + i}. */
    static final int BODY_BASE = 1000;

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
    private final Map<Integer, String> names = new HashMap<>();

    /** Adds a function type; returns its index. */
    int type(List<ValueType> params, List<ValueType> results) {
        types.add(new FunctionType(params, results));
        return types.size() - 1;
    }

    TestModule importFunction(int typeIndex) {
        imports.add(Import.function("env", "f" + imports.size(), typeIndex));
        return this;
    }

    TestModule importGlobal(ValueType type, boolean mutable) {
        imports.add(Import.global("env", "g" + imports.size(), new GlobalType(type, mutable)));
        return this;
    }

    TestModule importMemory(long min, long max) {
        imports.add(Import.memory("env", "m" + imports.size(), new MemoryType(new Limits(min, max))));
        return this;
    }

    TestModule importTable(ValueType type, long min, long max) {
        imports.add(Import.table("env", "t" + imports.size(), new TableType(type, new Limits(min, max))));
        return this;
    }

    /** Adds a function of type {@code typeIndex} with declared locals; the final end is added. */
    TestModule function(int typeIndex, List<ValueType> locals, Instruction... body) {
        int bodyOffset = (code.size() + 1) * BODY_BASE;
        Instruction[] stamped = stamp(bodyOffset, body, true);
        functionTypes.add(typeIndex);
        code.add(new FunctionBody(bodyOffset, locals.toArray(ValueType[]::new), stamped));
        return this;
    }

    /** A function without locals. */
    TestModule function(int typeIndex, Instruction... body) {
        return function(typeIndex, List.of(), body);
    }

    /** A function whose body is used exactly as given (no end added). */
    TestModule rawFunction(int typeIndex, Instruction... body) {
        int bodyOffset = (code.size() + 1) * BODY_BASE;
        functionTypes.add(typeIndex);
        code.add(new FunctionBody(bodyOffset, new ValueType[0], stamp(bodyOffset, body, false)));
        return this;
    }

    /** Declares a function in the function section without a body (a section count mismatch). */
    TestModule functionWithoutBody(int typeIndex) {
        functionTypes.add(typeIndex);
        return this;
    }

    TestModule table(ValueType type, long min, long max) {
        tables.add(new TableType(type, new Limits(min, max)));
        return this;
    }

    TestModule memory(long min, long max) {
        memories.add(new MemoryType(new Limits(min, max)));
        return this;
    }

    /** A global; its initializer gets its end added. */
    TestModule global(ValueType type, boolean mutable, Instruction... init) {
        globals.add(new GlobalDefinition(new GlobalType(type, mutable), constant(init)));
        return this;
    }

    TestModule export(String name, ExternalKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    TestModule start(int function) {
        start = function;
        return this;
    }

    /** An active element segment of function references in table {@code table} at offset 0. */
    TestModule activeElements(int table, int... functions) {
        return element(SegmentMode.ACTIVE, table, new Instruction[] {Asm.i32(0)}, ValueType.FUNCREF, refs(functions));
    }

    TestModule declarativeElements(int... functions) {
        return element(SegmentMode.DECLARATIVE, 0, null, ValueType.FUNCREF, refs(functions));
    }

    /** Any element segment; offset and items get their end added. */
    TestModule element(SegmentMode mode, int table, Instruction[] offset, ValueType type, Instruction[][] items) {
        Instruction[][] ended = new Instruction[items.length][];
        for (int i = 0; i < items.length; i++) {
            ended[i] = constant(items[i]);
        }
        elements.add(new ElementSegment(mode, table, offset == null ? null : constant(offset), type, ended));
        return this;
    }

    TestModule activeData(int memory, Instruction... offset) {
        data.add(new DataSegment(SegmentMode.ACTIVE, memory, constant(offset), new byte[] {1, 2}));
        return this;
    }

    TestModule passiveData() {
        data.add(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[] {1, 2}));
        return this;
    }

    TestModule dataCount(int count) {
        dataCount = count;
        return this;
    }

    TestModule name(int function, String name) {
        names.put(function, name);
        return this;
    }

    Module build() {
        int[] indices = functionTypes.stream().mapToInt(Integer::intValue).toArray();
        return new Module(types, imports, indices, tables, memories, globals, exports, start, elements, dataCount,
                code, data, new NameSection(null, names, Map.of()), List.of());
    }

    /** Asserts the module validates. */
    FunctionFacts assertValid() {
        return Validator.validate(build());
    }

    /** Asserts the module is rejected as invalid with a message containing {@code phrase}. */
    CompileException assertInvalid(String phrase) {
        return assertRejected(CompileException.Reason.INVALID, phrase);
    }

    /** Asserts the module is rejected for {@code reason} with a message containing {@code phrase}. */
    CompileException assertRejected(CompileException.Reason reason, String phrase) {
        Module module = build();
        CompileException e = assertThrows(CompileException.class, () -> Validator.validate(module));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(phrase), () -> "expected \"" + phrase + "\" in: " + e.getMessage());
        return e;
    }

    /** A module with one function of the given type and body: the usual shape of a test. */
    static TestModule withFunction(List<ValueType> params, List<ValueType> results, Instruction... body) {
        TestModule module = new TestModule();
        module.function(module.type(params, results), body);
        return module;
    }

    /** Helper for single-function tests with no params. */
    static TestModule withFunction(List<ValueType> results, Instruction... body) {
        return withFunction(List.of(), results, body);
    }

    private static Instruction[][] refs(int... functions) {
        Instruction[][] items = new Instruction[functions.length][];
        for (int i = 0; i < functions.length; i++) {
            items[i] = new Instruction[] {Asm.op(Op.REF_FUNC, functions[i])};
        }
        return items;
    }

    private static Instruction[] constant(Instruction... instructions) {
        return stamp(0, instructions, true);
    }

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
}
