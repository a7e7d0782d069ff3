package dev.kiln.internal.interpreter;

import dev.kiln.internal.runtime.EngineInstance;
import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.wasm.Module;

/**
 * A validated module prepared for the interpreter. Functions are lowered on first call, so a
 * big module starts quickly and never pays for functions it does not run.
 *
 * <p>Shared by all instances and threads. Lowering is deterministic and {@link FunctionCode} is
 * immutable (final fields only), so two threads racing to lower the same function both store
 * an equal, safely published result; no lock is needed.
 */
final class InterpretedModule implements EngineModule {

    private final Module module;
    private final Store store;
    private final FunctionCode[] code;

    InterpretedModule(Module module, Store store) {
        this.module = module;
        this.store = store;
        this.code = new FunctionCode[module.code().size()];
    }

    Module module() {
        return module;
    }

    Store store() {
        return store;
    }

    /** The lowered code of defined function {@code definedIndex}, lowering it if need be. */
    FunctionCode code(int definedIndex) {
        FunctionCode lowered = code[definedIndex];
        if (lowered == null) {
            lowered = Lowering.lower(module, definedIndex);
            code[definedIndex] = lowered;
        }
        return lowered;
    }

    /** The interpreter keeps no per-instance state: its functions read the instance's arrays. */
    @Override
    public EngineInstance instantiate(ModuleInstance instance) {
        return () -> {
            FunctionInstance[] functions = new FunctionInstance[code.length];
            for (int i = 0; i < functions.length; i++) {
                functions[i] = new WasmFunction(this, i, instance);
            }
            return functions;
        };
    }
}
