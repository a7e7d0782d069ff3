package dev.kiln.internal.compiler.engine;

import dev.kiln.HostFunction;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.EngineInstance;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.GlobalInstance;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.wasm.GlobalType;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.TableType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A compiled module's state for one instance: its module context (docs/native-abi.md, "The
 * module context"), in the instance's arena, filled as instantiation goes — imported memories,
 * tables, globals and functions when the imports are resolved, defined globals as cells inside
 * it, defined memories' and tables' descriptors as they are made.
 */
final class NativeInstance implements EngineInstance {

    private final CompiledModuleCode code;
    private final ModuleInstance instance;
    private final ModuleContextLayout layout;
    private final MemorySegment context;
    private int nextTable;
    private int nextMemory;
    private int nextGlobal;

    NativeInstance(CompiledModuleCode code, ModuleInstance instance) {
        this.code = code;
        this.instance = instance;
        this.layout = code.layout();
        this.context = instance.arena().allocate(layout.size(), ModuleContextLayout.ALIGNMENT);
        code.engine().register(this);
        code.retainCode();
        // Not at close: another instance's import or table may still run this instance's code,
        // whose exits find it here, until the arena goes.
        instance.arena().onFree(() -> {
            code.engine().unregister(this);
            code.releaseCode();
        });
    }

    Module module() {
        return code.module();
    }

    ModuleInstance runtimeInstance() {
        return instance;
    }

    Store store() {
        return instance.store();
    }

    CompilerEngine engine() {
        return code.engine();
    }

    /** The module context's address: RBX in this instance's code, its key in the engine. */
    long moduleContext() {
        return context.address();
    }

    @Override
    public void importsResolved() {
        Module module = code.module();
        for (int f = 0; f < module.importedFunctionCount(); f++) {
            writeImport(f, instance.functions[f]);
        }
        for (int t = 0; t < instance.tables.length - module.tables().size(); t++) {
            pointer(layout.table(t), instance.tables[t].descriptor());
        }
        nextTable = instance.tables.length - module.tables().size();
        for (int m = 0; m < instance.memories.length - module.memories().size(); m++) {
            pointer(layout.memory(m), instance.memories[m].descriptor());
        }
        nextMemory = instance.memories.length - module.memories().size();
        for (int g = 0; g < module.importedGlobalCount(); g++) {
            pointer(layout.importedGlobal(g), instance.globals[g].cell());
        }
    }

    /**
     * Imported function {@code index}'s entry: compiled code of this engine is called directly
     * with its own module context; anything else (a host function, another engine's function)
     * through the host-call trampoline of its type, with this instance as its caller.
     */
    private void writeImport(int index, FunctionInstance function) {
        long at = layout.importedFunction(index);
        long target;
        long callee;
        if (function instanceof CompiledFunction compiled && compiled.engine() == code.engine()) {
            target = compiled.code;
            callee = compiled.moduleContext();
        } else {
            target = code.engine().arena().hostTrampoline(function.type());
            int id = code.engine().hostCall(function, instance);
            instance.arena().onFree(() -> code.engine().arena().unregisterHostFunction(id));
            callee = id & 0xFFFF_FFFFL;
        }
        context.set(ValueLayout.JAVA_LONG, at + ModuleContextLayout.IMPORT_CODE, target);
        context.set(ValueLayout.JAVA_LONG, at + ModuleContextLayout.IMPORT_CONTEXT, callee);
        context.set(ValueLayout.JAVA_INT, at + ModuleContextLayout.IMPORT_TYPE_ID, function.typeId);
    }

    private void pointer(long offset, MemorySegment target) {
        context.set(ValueLayout.JAVA_LONG, offset, target.address());
    }

    @Override
    public FunctionInstance[] createFunctions() {
        int imported = code.module().importedFunctionCount();
        FunctionInstance[] functions = new FunctionInstance[code.functionCount()];
        for (int k = 0; k < functions.length; k++) {
            functions[k] = new CompiledFunction(this, imported + k, code.address(k));
        }
        return functions;
    }

    @Override
    public TableInstance createTable(ModuleInstance owner, TableType type) {
        TableInstance table = EngineInstance.super.createTable(owner, type);
        pointer(layout.table(nextTable++), table.descriptor());
        return table;
    }

    @Override
    public MemoryInstance createMemory(ModuleInstance owner, MemoryType type, long limitPages) {
        MemoryInstance memory = EngineInstance.super.createMemory(owner, type, limitPages);
        pointer(layout.memory(nextMemory++), memory.descriptor());
        return memory;
    }

    @Override
    public GlobalInstance createGlobal(ModuleInstance owner, GlobalType type, long value, long high) {
        MemorySegment cell = context.asSlice(layout.globalCell(nextGlobal++), GlobalInstance.CELL_SIZE);
        return new GlobalInstance(type, owner.arena(), cell, value, high);
    }

    /**
     * The host function that runs {@code function} when compiled code calls it (an import of
     * another kind, or a table element): ids and records turned at the border.
     *
     * @param caller the instance whose code calls it: the importer, or for a table element the
     *     one whose code made the call
     */
    static HostFunction bridge(FunctionInstance function, java.util.function.Supplier<ModuleInstance> caller, Store store) {
        int[] params = function.referenceParamSlots();
        int[] results = function.referenceResultSlots();
        return (ignored, stack) -> {
            References.toIds(stack, params);
            function.call(caller.get(), stack);
            References.toRecords(store, stack, results);
        };
    }
}
