package dev.kiln.bench;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.kiln.CompiledModule;
import dev.kiln.Runtime;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Module preparation time for a kernel of {@code ../shared/bench}: Kiln's
 * {@code Runtime.compile} (decode, validate, engine compile) against Chicory's
 * {@code Parser.parse} (decode and validate; its interpreter has no separate compile step).
 * Other kernels: {@code -p kernel=NAME}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CompileBench {

    @Param({"fib", "interp", "sha256"})
    public String kernel;

    private byte[] wasm;
    private Runtime kiln;

    @Setup
    public void setUp() throws IOException {
        wasm = Files.readAllBytes(KernelCatalog.defaultDirectory().resolve("wasm").resolve(kernel + ".wasm"));
        kiln = Runtime.create(KilnEngine.INTERPRETER);
    }

    @TearDown
    public void tearDown() {
        kiln.close();
    }

    @Benchmark
    public CompiledModule kilnCompile() {
        return kiln.compile(wasm);
    }

    @Benchmark
    public WasmModule chicoryParse() {
        return Parser.parse(wasm);
    }
}
