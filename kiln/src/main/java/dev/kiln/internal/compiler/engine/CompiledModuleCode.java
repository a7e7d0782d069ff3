package dev.kiln.internal.compiler.engine;

import dev.kiln.internal.nativecode.CodeBlock;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.EngineInstance;
import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.wasm.Module;

/**
 * A module compiled to native code: its functions' addresses in the engine's code arena and the
 * layout of its instances' module contexts. Immutable; shared by every instance and thread.
 *
 * <p>The code block is freed when its last user goes: the {@code CompiledModule} (when the
 * collector finds it unreachable, {@link #release}) and each instance's arena (whose records and
 * module context other instances' tables and imports may still call into after the instance
 * closed). A closed {@code Instance} the program still holds keeps nothing.
 */
final class CompiledModuleCode implements EngineModule {

    private final CompilerEngine engine;
    private final Module module;
    private final ModuleContextLayout layout;
    private final long[] addresses;
    private final CodeUsers users;

    CompiledModuleCode(CompilerEngine engine, Module module, CodeBlock block, long[] addresses) {
        this.engine = engine;
        this.module = module;
        this.layout = ModuleContextLayout.of(module);
        this.addresses = addresses.clone();
        this.users = new CodeUsers(engine, block);
    }

    /** Counts the users of one module's code block; the last release frees it. */
    private static final class CodeUsers {
        private final CompilerEngine engine;
        private final CodeBlock block;
        private int count = 1;

        CodeUsers(CompilerEngine engine, CodeBlock block) {
            this.engine = engine;
            this.block = block;
        }

        synchronized void retain() {
            if (count == 0) {
                throw new IllegalStateException("the module's code is freed");
            }
            count++;
        }

        void release() {
            synchronized (this) {
                if (count == 0 || --count > 0) {
                    return;
                }
            }
            engine.freeCode(block);
        }
    }

    /** Takes a use of the code for an instance, which {@link #releaseCode} gives back. */
    void retainCode() {
        users.retain();
    }

    void releaseCode() {
        users.release();
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
    public void release() {
        users.release();
    }

    @Override
    public EngineInstance instantiate(ModuleInstance instance) {
        return new NativeInstance(this, instance);
    }
}
