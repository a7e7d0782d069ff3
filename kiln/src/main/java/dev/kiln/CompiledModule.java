package dev.kiln;

import dev.kiln.internal.runtime.EngineModule;
import dev.kiln.internal.wasm.Module;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * A decoded, validated module prepared by an engine. Immutable: it can be instantiated any
 * number of times, from many threads at once, by the {@link Runtime} that compiled it.
 */
public final class CompiledModule {

    /** Tells the engine when a compiled module is unreachable, so its code can go with its last instance. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final Runtime runtime;
    private final Module module;
    private final EngineModule code;

    CompiledModule(Runtime runtime, Module module, EngineModule code) {
        this.runtime = runtime;
        this.module = module;
        this.code = code;
        CLEANER.register(this, code::release);
    }

    /** The module name from the {@code name} custom section, or {@code null}. */
    public String name() {
        return module.names().moduleName();
    }

    /** The module's imports, in order. */
    public List<ImportDescription> imports() {
        return module.imports().stream()
                .map(i -> new ImportDescription(i.module(), i.name(), ExternKind.valueOf(i.kind().name())))
                .toList();
    }

    /** The module's exports, in order. */
    public List<ExportDescription> exports() {
        return module.exports().stream()
                .map(e -> new ExportDescription(e.name(), ExternKind.valueOf(e.kind().name()),
                        e.kind() == dev.kiln.internal.wasm.ExternalKind.FUNCTION ? module.functionType(e.index()) : null))
                .toList();
    }

    Runtime runtime() {
        return runtime;
    }

    Module module() {
        return module;
    }

    EngineModule code() {
        return code;
    }
}
