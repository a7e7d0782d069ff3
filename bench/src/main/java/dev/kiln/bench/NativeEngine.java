package dev.kiln.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernels as native programs: each C source built once with the machine's {@code gcc -O2}
 * and run as a subprocess with the same arguments. The kernel prints the same result line as its
 * wasm build, measured the same way (its own monotonic clock), so process start-up is not in it.
 */
public final class NativeEngine implements WasiEngine {

    /** The engine's name on the command line. */
    public static final String CLI_NAME = "native";

    /**
     * {@code -ffp-contract=off}, as in the wasm build, keeps a multiply and an add two roundings,
     * so the floating-point kernels print the checksums of {@code checksums.tsv}.
     */
    private static final List<String> CFLAGS = List.of("-O2", "-ffp-contract=off");

    private final Path buildDir;

    /** @param buildDir where the executables are cached, one per kernel */
    public NativeEngine(Path buildDir) {
        this.buildDir = buildDir;
    }

    /** Builds in {@code $kiln.native.dir}, else {@code target/native} (bench/target/native under the scripts). */
    public static NativeEngine inDefaultDirectory() {
        return new NativeEngine(Path.of(System.getProperty("kiln.native.dir", "target/native")));
    }

    @Override
    public String name() {
        return "Native";
    }

    @Override
    public WasiCommand load(Kernel kernel) {
        Path executable = NativeBuild.upToDate(kernel, buildDir, compilerFlags(kernel));
        return args -> run(executable, args);
    }

    /**
     * The flags of the kernel's build. A wasm feature flag means nothing to gcc, but a kernel may
     * name itself after the macro the flag predefines ({@code memops.c} prints
     * {@code memops_bulk} under {@code __wasm_bulk_memory__}), so the native build defines it.
     */
    static List<String> compilerFlags(Kernel kernel) {
        List<String> flags = new ArrayList<>(CFLAGS);
        for (String wasmFlag : kernel.wasmFlags()) {
            if (wasmFlag.startsWith("-m")) {
                flags.add("-D__wasm_" + wasmFlag.substring(2).replace('-', '_') + "__");
            }
        }
        return flags;
    }

    private String run(Path executable, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args.subList(1, args.size()));
        CapturedOutput output = new CapturedOutput();
        try {
            Path stderr = Files.createTempFile(buildDir, "stderr", ".txt");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                try (InputStream stdout = process.getInputStream()) {
                    stdout.transferTo(output.stdout());
                }
                int status = process.waitFor();
                Files.copy(stderr, output.stderr());
                return output.result(name(), args, status);
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + executable + " ran", e);
        }
    }
}
