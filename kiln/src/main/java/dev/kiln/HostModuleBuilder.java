package dev.kiln;

import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.HostFunctionInstance;
import dev.kiln.internal.runtime.Instantiator;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.wasm.Export;
import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.NameSection;
import dev.kiln.internal.wasm.Op;
import dev.kiln.internal.wasm.TableType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Defines a module whose functions are implemented in Java, and whose globals, memories and
 * tables are created by the host. {@link #instantiate()} registers it under its name, so modules
 * instantiated afterwards can import from it.
 *
 * <pre>{@code
 * rt.hostModule("env")
 *   .function("log", FunctionType.of(List.of(I32, I32), List.of()),
 *             (caller, stack) -> System.out.println(caller.memory().readString(stack[0], (int) stack[1])))
 *   .instantiate();
 * }</pre>
 */
public final class HostModuleBuilder {

    private final Runtime runtime;
    private final String moduleName;
    private final Set<String> names = new HashSet<>();
    private final List<FunctionType> types = new ArrayList<>();
    private final List<HostFunction> functions = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<GlobalDefinition> globals = new ArrayList<>();
    private final List<long[]> globalValues = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();

    HostModuleBuilder(Runtime runtime, String moduleName) {
        this.runtime = runtime;
        this.moduleName = java.util.Objects.requireNonNull(moduleName, "moduleName");
    }

    /** Exports a Java function with the given signature as {@code name}. */
    public HostModuleBuilder function(String name, FunctionType type, HostFunction implementation) {
        java.util.Objects.requireNonNull(implementation, "implementation");
        export(name, ExternalKind.FUNCTION, functions.size());
        types.add(java.util.Objects.requireNonNull(type, "type"));
        functions.add(implementation);
        return this;
    }

    /** Exports a global of {@code type} holding {@code value} (a slot, see {@link ValueType}). */
    public HostModuleBuilder global(String name, ValueType type, boolean mutable, long value) {
        export(name, ExternalKind.GLOBAL, globals.size());
        globals.add(new GlobalDefinition(new GlobalType(type, mutable), zeroOf(type)));
        globalValues.add(new long[] {value, 0});
        return this;
    }

    /** Exports a memory of {@code minPages} pages that may grow to {@code maxPages} (-1: no maximum). */
    public HostModuleBuilder memory(String name, int minPages, int maxPages) {
        Limits limits = limits(minPages, maxPages, MemoryType.MAX_PAGES);
        export(name, ExternalKind.MEMORY, memories.size());
        memories.add(new MemoryType(limits));
        return this;
    }

    /** Exports a table of {@code elementType} with {@code min} null elements, growing to {@code max} (-1: none). */
    public HostModuleBuilder table(String name, ValueType elementType, int min, int max) {
        if (!elementType.isReference()) {
            throw new IllegalArgumentException("a table holds references, not " + elementType);
        }
        Limits limits = limits(min, max, Integer.MAX_VALUE);
        export(name, ExternalKind.TABLE, tables.size());
        tables.add(new TableType(elementType, limits));
        return this;
    }

    /**
     * Creates the host module and registers it under its name.
     *
     * @throws LinkException if a module with this name is already registered
     */
    public Instance instantiate() {
        runtime.checkNameFree(moduleName);
        int[] typeIndices = new int[types.size()];
        for (int i = 0; i < typeIndices.length; i++) {
            typeIndices[i] = i;
        }
        Module module = new Module(types, List.of(), typeIndices, tables, memories, globals, exports, Module.ABSENT,
                List.of(), Module.ABSENT, List.of(), List.of(), new NameSection(moduleName, java.util.Map.of(), java.util.Map.of()),
                List.of());
        List<HostFunction> implementations = List.copyOf(functions);
        ModuleInstance instance = Instantiator.instantiate(runtime.store(), module, owner -> () -> {
            FunctionInstance[] created = new FunctionInstance[implementations.size()];
            for (int i = 0; i < created.length; i++) {
                HostFunction implementation = implementations.get(i);
                created[i] = new HostFunctionInstance(moduleName, nameOfFunction(i), types.get(i), owner.arena(),
                        (caller, stack) -> implementation.call(Instance.of(caller), stack));
            }
            return created;
        }, moduleName, (m, n) -> null);
        for (int i = 0; i < globalValues.size(); i++) {
            instance.globals[i].set(globalValues.get(i)[0]);
        }
        return runtime.adopt(new Instance(runtime, instance));
    }

    private String nameOfFunction(int index) {
        for (Export e : exports) {
            if (e.kind() == ExternalKind.FUNCTION && e.index() == index) {
                return e.name();
            }
        }
        throw new IllegalStateException("function " + index + " is not exported");
    }

    private void export(String name, ExternalKind kind, int index) {
        if (!names.add(java.util.Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("host module " + moduleName + " already exports '" + name + "'");
        }
        exports.add(new Export(name, kind, index));
    }

    private static Limits limits(long min, long max, long ceiling) {
        if (min < 0 || min > ceiling || max < -1 || max > ceiling || (max != -1 && max < min)) {
            throw new IllegalArgumentException("invalid limits: min " + min + ", max " + max);
        }
        return new Limits(min, max == -1 ? Limits.NO_MAX : max);
    }

    private static Instruction[] zeroOf(ValueType type) {
        Instruction constant = switch (type) {
            case I32 -> Instruction.of(Op.I32_CONST, -1);
            case I64 -> Instruction.of(Op.I64_CONST, -1);
            case F32 -> Instruction.of(Op.F32_CONST, -1);
            case F64 -> Instruction.of(Op.F64_CONST, -1);
            case V128 -> new Instruction(Op.V128_CONST, -1, 0, 0, 0, new byte[16]);
            case FUNCREF, EXTERNREF -> new Instruction(Op.REF_NULL, -1, 0, 0, 0, type);
        };
        return new Instruction[] {constant, Instruction.of(Op.END, -1)};
    }
}
