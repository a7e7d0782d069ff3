package dev.kiln.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The {@link TinyModules} instantiated on Chicory's interpreter, for {@link CallBench};
 * {@link ChicoryCompiledCalls} changes only how they are instantiated.
 */
@State(Scope.Thread)
public class ChicoryCalls {

    /** {@code add}: Java to Wasm and back. */
    ExportFunction add;
    /** {@code call_host}: Java to Wasm to the host {@code env.add} and back. */
    ExportFunction callHost;

    @Setup
    public void setUp() {
        HostFunction hostAdd = new HostFunction("env", "add",
                FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32)),
                (instance, args) -> new long[] {TinyModules.hostAdd(args[0], args[1])});
        add = instantiate(TinyModules.add(), ImportValues.empty()).export("add");
        callHost = instantiate(TinyModules.hostRoundTrip(), ImportValues.builder().addFunction(hostAdd).build())
                .export("call_host");
        CallBench.requireSum(add.apply(20, 22), engine() + " add");
        CallBench.requireSum(callHost.apply(20, 22), engine() + " call_host");
    }

    /** The engine's name in set-up failures. */
    String engine() {
        return "Chicory interpreter";
    }

    Instance instantiate(byte[] wasm, ImportValues imports) {
        return Instance.builder(Parser.parse(wasm))
                .withImportValues(imports)
                .withMachineFactory(InterpreterMachine::new)
                .build();
    }
}
