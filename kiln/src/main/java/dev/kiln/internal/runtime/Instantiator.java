package dev.kiln.internal.runtime;

import dev.kiln.KilnException;
import dev.kiln.TrapException;
import dev.kiln.internal.wasm.DataSegment;
import dev.kiln.internal.wasm.ElementSegment;
import dev.kiln.internal.wasm.GlobalDefinition;
import dev.kiln.internal.wasm.Import;
import dev.kiln.internal.wasm.MemoryType;
import dev.kiln.internal.wasm.Module;
import dev.kiln.internal.wasm.SegmentMode;
import dev.kiln.internal.wasm.TableType;
import java.util.List;

/**
 * Instantiation, in the spec's order: resolve and check imports, create functions, tables,
 * memories and globals, resolve element items, apply active element then data segments in
 * order; then, in {@link #start}, run the start function.
 *
 * <p>As in WebAssembly 2.0, segments are applied one by one: when one is out of bounds,
 * instantiation traps and what earlier segments wrote (possibly into imported tables and
 * memories) stays written.
 */
public final class Instantiator {

    private Instantiator() {}

    /**
     * @throws dev.kiln.LinkException when an import is missing or has the wrong type
     * @throws TrapException when a segment does not fit
     */
    public static ModuleInstance instantiate(Store store, Module module, EngineModule code, String name,
                                             ImportResolver imports) {
        ModuleInstance instance = new ModuleInstance(store, module, name);
        EngineInstance engine;
        try {
            linkImports(instance, imports);
            engine = code.instantiate(instance);
            instance.engine(engine);
            engine.importsResolved();
            FunctionInstance[] defined = engine.createFunctions();
            System.arraycopy(defined, 0, instance.functions, module.importedFunctionCount(), defined.length);
            createTables(instance, engine);
            createMemories(instance, engine);
            createGlobals(instance, engine);
            resolveElements(instance);
        } catch (RuntimeException e) {
            // Nothing of the instance is reachable from outside yet: free it now.
            instance.close();
            throw e;
        }
        // From here on, element segments may have put the instance's functions into imported
        // tables: if a segment traps, the instance stays open until the runtime closes.
        try {
            applyElements(instance);
            applyData(instance);
        } catch (Trap trap) {
            throw new TrapException(trap.kind(), List.of());
        }
        engine.instantiated();
        return instance;
    }

    /**
     * Runs the start function, if the module has one. Separate from {@link #instantiate} so the
     * caller can attach the public {@link dev.kiln.Instance} first: host functions called by the
     * start function see it as their caller.
     *
     * @throws TrapException when the start function traps
     */
    public static void start(ModuleInstance instance) {
        int start = instance.module().startFunction();
        if (start != Module.ABSENT) {
            instance.functions[start].call(instance, new long[0]);
        }
    }

    private static void linkImports(ModuleInstance instance, ImportResolver imports) {
        int functions = 0;
        int tables = 0;
        int memories = 0;
        int globals = 0;
        for (Import wanted : instance.module().imports()) {
            Object found = ImportMatcher.match(wanted, imports.resolve(wanted.module(), wanted.name()), instance);
            switch (wanted.kind()) {
                case FUNCTION -> {
                    FunctionInstance function = (FunctionInstance) found;
                    instance.arena().keepAlive(function.arena());
                    instance.functions[functions++] = function;
                }
                case TABLE -> {
                    TableInstance table = (TableInstance) found;
                    instance.arena().keepAlive(table.arena());
                    instance.tables[tables++] = table;
                }
                case MEMORY -> {
                    MemoryInstance memory = (MemoryInstance) found;
                    memory.retain();
                    instance.arena().onFree(() -> memory.release(instance.store()));
                    instance.memories[memories++] = memory;
                }
                case GLOBAL -> {
                    GlobalInstance global = (GlobalInstance) found;
                    instance.arena().keepAlive(global.arena());
                    instance.globals[globals++] = global;
                }
            }
        }
    }

    private static void createTables(ModuleInstance instance, EngineInstance engine) {
        int base = instance.tables.length - instance.module().tables().size();
        for (TableType type : instance.module().tables()) {
            if (!TableInstance.fits(type)) {
                throw new KilnException("cannot create a table of " + type.limits().min()
                        + " elements: the limit is " + TableInstance.MAX_ELEMENTS);
            }
            instance.tables[base++] = engine.createTable(instance, type);
        }
    }

    private static void createMemories(ModuleInstance instance, EngineInstance engine) {
        int base = instance.memories.length - instance.module().memories().size();
        long limit = instance.store().memoryLimitPages();
        for (MemoryType type : instance.module().memories()) {
            if (!MemoryInstance.fits(type, limit)) {
                throw new KilnException("cannot create a memory of " + type.limits().min() + " pages: the limit is "
                        + Math.min(limit, MemoryInstance.MAX_PAGES) + " pages");
            }
            MemoryInstance memory = engine.createMemory(instance, type, limit);
            instance.arena().onFree(() -> memory.release(instance.store()));
            instance.memories[base++] = memory;
        }
    }

    private static void createGlobals(ModuleInstance instance, EngineInstance engine) {
        int index = instance.module().importedGlobalCount();
        for (GlobalDefinition definition : instance.module().globals()) {
            long[] value = ConstantEvaluator.evaluate(definition.init(), instance);
            instance.globals[index++] = engine.createGlobal(instance, definition.type(), value[0], value[1]);
        }
    }

    private static void resolveElements(ModuleInstance instance) {
        List<ElementSegment> segments = instance.module().elements();
        for (int i = 0; i < segments.size(); i++) {
            var items = segments.get(i).items();
            Object[] resolved = new Object[items.length];
            for (int j = 0; j < items.length; j++) {
                resolved[j] = ConstantEvaluator.element(items[j], instance);
            }
            instance.elements[i] = resolved;
        }
    }

    private static void applyElements(ModuleInstance instance) {
        List<ElementSegment> segments = instance.module().elements();
        for (int i = 0; i < segments.size(); i++) {
            ElementSegment segment = segments.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                long offset = ConstantEvaluator.offset(segment.offset(), instance);
                Object[] items = instance.elements[i];
                instance.tables[segment.tableIndex()].init(offset, items, 0, items.length);
            }
            if (segment.mode() != SegmentMode.PASSIVE) {
                instance.elements[i] = null;
            }
        }
    }

    private static void applyData(ModuleInstance instance) {
        List<DataSegment> segments = instance.module().data();
        for (int i = 0; i < segments.size(); i++) {
            DataSegment segment = segments.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                long offset = ConstantEvaluator.offset(segment.offset(), instance);
                byte[] bytes = segment.bytes();
                instance.memories[segment.memoryIndex()].init(offset, bytes, 0, bytes.length);
            } else {
                instance.data[i] = segment.bytes();
            }
        }
    }
}
