package dev.kiln.bench;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.List;

/** Chicory's interpreter with Chicory's own WASI preview1. */
public final class ChicoryEngine implements WasiEngine {

    @Override
    public String name() {
        return "Chicory";
    }

    /** Parses and validates once; every run instantiates the parsed module afresh. */
    @Override
    public WasiCommand load(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        return args -> run(module, args);
    }

    private String run(WasmModule module, List<String> args) {
        CapturedOutput output = new CapturedOutput();
        WasiOptions options = WasiOptions.builder()
                .withArguments(args)
                .withStdout(output.stdout())
                .withStderr(output.stderr())
                .build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            Instance instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    // The interpreter is Chicory's default; say so, so a later default cannot slip in.
                    .withMachineFactory(InterpreterMachine::new)
                    // Run _start ourselves, as on Kiln, rather than as part of instantiation.
                    .withStart(false)
                    .build();
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            return output.result(name(), args, e.exitCode());
        }
        return output.result(name(), args, 0);
    }
}
