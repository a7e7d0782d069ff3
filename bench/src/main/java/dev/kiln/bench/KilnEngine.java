package dev.kiln.bench;

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
     * A Kiln module belongs to the runtime that compiled it, and the WASI module registered in a
     * runtime holds one program's descriptors; so each run gets a fresh runtime and compiles
     * there. That costs nothing in the result: the time is measured inside the guest.
     */
    @Override
    public WasiCommand load(byte[] wasm) {
        byte[] bytes = wasm.clone();
        return args -> run(bytes, args);
    }

    private String run(byte[] wasm, List<String> args) {
        CapturedOutput output = new CapturedOutput();
        try (Runtime runtime = Runtime.create(config)) {
            Wasi wasi = Wasi.instantiate(runtime,
                    WasiConfig.defaults().withArgs(args).withStdout(output.stdout()).withStderr(output.stderr()));
            Instance program = runtime.instantiate(runtime.compile(wasm));
            return output.result(name(), args, wasi.run(program));
        }
    }
}
