package dev.kiln.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Function;

/** One of Chicory's engines (its interpreter or its compiler) with Chicory's own WASI preview1. */
public final class ChicoryEngine implements WasiEngine {

    private final String name;
    private final boolean compiled;

    private ChicoryEngine(String name, boolean compiled) {
        this.name = name;
        this.compiled = compiled;
    }

    /** Chicory's interpreter. */
    public static ChicoryEngine interpreter() {
        return new ChicoryEngine("Chicory", false);
    }

    /** Chicory's runtime compiler: Wasm to JVM bytecode, once per module. */
    public static ChicoryEngine compiler() {
        return new ChicoryEngine("Chicory-compiler", true);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Parses and validates once and, for the compiler, compiles once: the machine factory holds
     * the generated classes and makes a machine for every instance.
     */
    @Override
    public WasiCommand load(Kernel kernel) {
        WasmModule module = Parser.parse(read(kernel));
        // The interpreter is Chicory's default; say so, so a later default cannot slip in.
        Function<Instance, Machine> machines = compiled ? MachineFactoryCompiler.compile(module) : InterpreterMachine::new;
        return args -> run(module, machines, args);
    }

    private static byte[] read(Kernel kernel) {
        try {
            return Files.readAllBytes(kernel.wasm());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kernel.wasm(), e);
        }
    }

    private String run(WasmModule module, Function<Instance, Machine> machines, List<String> args) {
        CapturedOutput output = new CapturedOutput();
        WasiOptions options = WasiOptions.builder()
                .withArguments(args)
                .withStdout(output.stdout())
                .withStderr(output.stderr())
                .build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            Instance instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withMachineFactory(machines)
                    // Run _start ourselves, as on Kiln, rather than as part of instantiation.
                    .withStart(false)
                    .build();
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            return output.result(name, args, e.exitCode());
        }
        return output.result(name, args, 0);
    }
}
