package dev.kiln.bench;

import dev.kiln.CompiledModule;
import dev.kiln.EngineKind;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.wasi.Wasi;
import dev.kiln.wasi.WasiConfig;
import java.util.List;

/** One of Kiln's engines, with Kiln's own WASI preview1. */
public final class KilnEngine implements WasiEngine {

    /**
     * The configuration of the interpreter benchmarks. The engine is named rather than left to
     * the default, which becomes the compiler where it is supported: these compare interpreters.
     */
    public static final RuntimeConfig INTERPRETER = RuntimeConfig.defaults().withEngine(EngineKind.INTERPRETER);

    /** The configuration of the compiler benchmarks. */
    public static final RuntimeConfig COMPILER = RuntimeConfig.defaults().withEngine(EngineKind.COMPILER);

    private final RuntimeConfig config;
    private final String name;

    private KilnEngine(RuntimeConfig config, String name) {
        this.config = config;
        this.name = name;
    }

    /** Kiln's interpreter. */
    public static KilnEngine interpreter() {
        return new KilnEngine(INTERPRETER, "Kiln");
    }

    /** Kiln's optimizing compiler. */
    public static KilnEngine compiler() {
        return new KilnEngine(COMPILER, "Kiln-compiler");
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Compiles once, in a runtime kept for all runs of the kernel: compiling a big kernel with
     * the optimizing compiler takes far longer than many of its runs.
     */
    @Override
    public WasiCommand load(Kernel kernel) {
        Runtime runtime = Runtime.create(config);
        try {
            return new Loaded(runtime, runtime.compile(kernel.wasm()));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * The compiled kernel. A runtime holds one module named {@value Wasi#MODULE_NAME}, and a
     * {@link Wasi} holds one program's descriptors, so every run registers its own and closes
     * it (which unregisters it) together with the program's instance.
     */
    private final class Loaded implements WasiCommand {

        private final Runtime runtime;
        private final CompiledModule module;

        Loaded(Runtime runtime, CompiledModule module) {
            this.runtime = runtime;
            this.module = module;
        }

        @Override
        public String run(List<String> args) {
            CapturedOutput output = new CapturedOutput();
            Wasi wasi = Wasi.instantiate(runtime,
                    WasiConfig.defaults().withArgs(args).withStdout(output.stdout()).withStderr(output.stderr()));
            try (Instance program = runtime.instantiate(module)) {
                return output.result(name, args, wasi.run(program));
            } finally {
                try {
                    wasi.close();
                } finally {
                    wasi.instance().close();
                }
            }
        }

        @Override
        public void close() {
            runtime.close();
        }
    }
}
