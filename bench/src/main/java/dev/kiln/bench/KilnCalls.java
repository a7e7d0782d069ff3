package dev.kiln.bench;

import dev.kiln.Function;
import dev.kiln.FunctionType;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.RuntimeConfig;
import dev.kiln.ValueType;
import java.util.List;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The {@link TinyModules} instantiated on Kiln's interpreter, for {@link CallBench}. */
@State(Scope.Thread)
public class KilnCalls {

    Runtime runtime;
    /** {@code add}: Java to Wasm and back. */
    Function add;
    /** {@code call_host}: Java to Wasm to the host {@code env.add} and back. */
    Function callHost;
    /** {@code host_loop}: {@value TinyModules#HOST_CALLS} calls of the host {@code env.add} from Wasm. */
    Function hostLoop;
    /** The reused argument and result array of the allocation-free benchmarks. */
    final long[] stack = new long[2];

    /** The engine's configuration. */
    RuntimeConfig config() {
        return KilnEngine.INTERPRETER;
    }

    @Setup
    public void setUp() {
        runtime = Runtime.create(config());
        FunctionType binaryI32 = FunctionType.of(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
        runtime.hostModule("env")
                .function("add", binaryI32, (caller, stack) -> stack[0] = TinyModules.hostAdd(stack[0], stack[1]))
                .instantiate();
        add = runtime.instantiate(runtime.compile(TinyModules.add())).function("add");
        Instance calling = runtime.instantiate(runtime.compile(TinyModules.hostRoundTrip()));
        callHost = calling.function("call_host");
        hostLoop = calling.function("host_loop");
        CallBench.requireSum(add.call(20, 22), "Kiln add");
        CallBench.requireSum(callHost.call(20, 22), "Kiln call_host");
        long[] looped = hostLoop.call(20, 22);
        if (looped.length != 1 || looped[0] != 20 + 22 * TinyModules.HOST_CALLS) {
            throw new IllegalStateException("Kiln host_loop(20, 22) returned " + java.util.Arrays.toString(looped));
        }
    }

    @TearDown
    public void tearDown() {
        runtime.close();
    }
}
