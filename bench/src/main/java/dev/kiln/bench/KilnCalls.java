package dev.kiln.bench;

import dev.kiln.Function;
import dev.kiln.FunctionType;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The {@link TinyModules} instantiated on Kiln, for {@link CallBench}. */
@State(Scope.Thread)
public class KilnCalls {

    Runtime runtime;
    /** {@code add}: Java to Wasm and back. */
    Function add;
    /** {@code call_host}: Java to Wasm to the host {@code env.add} and back. */
    Function callHost;
    /** The reused argument and result array of {@code kilnInterpreterAddWithStack}. */
    final long[] stack = new long[2];

    @Setup
    public void setUp() {
        runtime = Runtime.create(KilnEngine.INTERPRETER);
        FunctionType binaryI32 = FunctionType.of(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
        runtime.hostModule("env")
                .function("add", binaryI32, (caller, stack) -> stack[0] = TinyModules.hostAdd(stack[0], stack[1]))
                .instantiate();
        add = runtime.instantiate(runtime.compile(TinyModules.add())).function("add");
        callHost = runtime.instantiate(runtime.compile(TinyModules.hostRoundTrip())).function("call_host");
        CallBench.requireSum(add.call(20, 22), "Kiln add");
        CallBench.requireSum(callHost.call(20, 22), "Kiln call_host");
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }
}
