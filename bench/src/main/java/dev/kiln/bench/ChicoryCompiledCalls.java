package dev.kiln.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link TinyModules} on Chicory's AOT compiler (Wasm to JVM bytecode at instantiation), for
 * {@link CallBench}: the same two calls as {@link ChicoryCalls}, compiled.
 */
@State(Scope.Thread)
public class ChicoryCompiledCalls extends ChicoryCalls {

    @Override
    String engine() {
        return "Chicory compiler";
    }

    @Override
    Instance instantiate(byte[] wasm, ImportValues imports) {
        WasmModule module = Parser.parse(wasm);
        return Instance.builder(module)
                .withImportValues(imports)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
    }
}
