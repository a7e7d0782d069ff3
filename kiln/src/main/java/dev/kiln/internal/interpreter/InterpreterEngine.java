package dev.kiln.internal.interpreter;

import dev.kiln.internal.runtime.Engine;
import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.wasm.Module;

/**
 * The interpreter engine: lowers each function to compact register-form code ({@link Lowering})
 * the first time it is called, and runs it in one dispatch loop ({@link Interpreter}) over a
 * per-thread value stack, without Java recursion per WebAssembly call.
 */
public final class InterpreterEngine implements Engine {

    private final Store store;

    public InterpreterEngine(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    public EngineModule compile(Module module) {
        return new InterpretedModule(module, store);
    }
}
