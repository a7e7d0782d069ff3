package dev.kiln.internal.interpreter;

import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.MemoryType;

/**
 * A function defined by an interpreted module, bound to one instance. Calls between such
 * functions, whichever instance they belong to, stay inside the interpreter loop.
 */
final class WasmFunction extends FunctionInstance {

    /** Stands in for memory 0 in instances without one, so the loop needs no null checks. */
    private static final MemoryInstance NO_MEMORY = new MemoryInstance(new MemoryType(new Limits(0, 0)), 0, MemoryInstance.Backing.HEAP);

    private final InterpretedModule module;
    private final int definedIndex;
    private final ModuleInstance instance;
    /** This instance's cache of the module's lowered code (see {@link InterpretedModule}). */
    private FunctionCode code;
    /**
     * Memory 0 of the instance, cached on first use: it does not exist yet when functions are
     * created. Both caches are filled racily with values that never change, and each is checked
     * on its own, so a thread that sees one filled never relies on the other.
     */
    private MemoryInstance memory;

    WasmFunction(InterpretedModule module, int definedIndex, ModuleInstance instance) {
        super(module.module().functionType(module.module().importedFunctionCount() + definedIndex), instance.arena());
        this.module = module;
        this.definedIndex = definedIndex;
        this.instance = instance;
    }

    /**
     * The lowered code. Tiny on purpose, with the first call's work out of line: the loop calls
     * it on every call and return, and only a small method is inlined there reliably.
     */
    FunctionCode code() {
        FunctionCode lowered = code;
        return lowered != null ? lowered : lower();
    }

    private FunctionCode lower() {
        FunctionCode lowered = module.code(definedIndex);
        code = lowered;
        return lowered;
    }

    ModuleInstance instance() {
        return instance;
    }

    /** Memory 0, or {@link #NO_MEMORY}; small for the same reason as {@link #code()}. */
    MemoryInstance memory() {
        MemoryInstance cached = memory;
        return cached != null ? cached : cacheMemory();
    }

    private MemoryInstance cacheMemory() {
        MemoryInstance cached = instance.memories.length == 0 ? NO_MEMORY : instance.memories[0];
        memory = cached;
        return cached;
    }

    int maxCallDepth() {
        return module.store().maxCallDepth();
    }

    int functionIndex() {
        return module.module().importedFunctionCount() + definedIndex;
    }

    /** The function's name from the {@code name} section, or {@code null}. */
    String name() {
        return module.module().names().functionNames().get(functionIndex());
    }

    @Override
    public void call(ModuleInstance caller, long[] stack) {
        Interpreter.invoke(this, stack);
    }

    @Override
    public String debugName() {
        String moduleName = instance.debugName();
        String name = name();
        return (moduleName == null ? "" : moduleName + ".") + (name == null ? "$" + functionIndex() : name);
    }
}
