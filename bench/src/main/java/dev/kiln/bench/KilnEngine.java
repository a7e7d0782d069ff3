package dev.kiln.bench;

import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.wasi.Wasi;
import dev.kiln.wasi.WasiConfig;
import java.util.List;

/** Kiln, with its own WASI preview1, on one engine kind (today the interpreter). */
public final class KilnEngine implements WasiEngine {

    private final RuntimeConfig config;

    /** Kiln with {@link RuntimeConfig#defaults()}. */
    public KilnEngine() {
        this(RuntimeConfig.defaults());
    }

    public KilnEngine(RuntimeConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "Kiln";
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
