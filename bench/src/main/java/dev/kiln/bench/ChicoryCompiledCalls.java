package dev.kiln.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link TinyModules} on Chicory's AOT compiler (Wasm to JVM bytecode at instantiation), for
 * {@link NativeCallBench}: the same two calls as {@link ChicoryCalls}, compiled.
 */
@State(Scope.Thread)
public class ChicoryCompiledCalls {

    ExportFunction add;
    ExportFunction callHost;

    @Setup
    public void setUp() {
        HostFunction hostAdd = new HostFunction("env", "add",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (instance, args) -> new long[] {TinyModules.hostAdd(args[0], args[1])});
        add = compiled(TinyModules.add(), ImportValues.empty()).export("add");
        callHost = compiled(TinyModules.hostRoundTrip(), ImportValues.builder().addFunction(hostAdd).build())
                .export("call_host");
        CallBench.requireSum(add.apply(20, 22), "Chicory compiled add");
        CallBench.requireSum(callHost.apply(20, 22), "Chicory compiled call_host");
    }

    private static Instance compiled(byte[] wasm, ImportValues imports) {
        WasmModule module = Parser.parse(wasm);
        return Instance.builder(module)
                .withImportValues(imports)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
    }
}
