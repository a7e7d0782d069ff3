package dev.kiln.internal.compiler.engine;

import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.EngineInstance;
import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.wasm.Module;

/**
 * A module compiled to native code: its functions' addresses in the engine's code arena and the
 * layout of its instances' module contexts. Immutable; shared by every instance and thread.
 */
final class CompiledModuleCode implements EngineModule {

    private final CompilerEngine engine;
    private final Module module;
    private final ModuleContextLayout layout;
    private final long[] addresses;

    CompiledModuleCode(CompilerEngine engine, Module module, long[] addresses) {
        this.engine = engine;
        this.module = module;
        this.layout = ModuleContextLayout.of(module);
        this.addresses = addresses.clone();
    }

    CompilerEngine engine() {
        return engine;
    }

    Module module() {
        return module;
    }

    ModuleContextLayout layout() {
        return layout;
    }

    int functionCount() {
        return addresses.length;
    }

    /** The code address of defined function {@code definedIndex}. */
    long address(int definedIndex) {
        return addresses[definedIndex];
    }

    @Override
    public EngineInstance instantiate(ModuleInstance instance) {
        return new NativeInstance(this, instance);
    }
}
