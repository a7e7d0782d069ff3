package dev.kiln.bench;

import dev.kiln.Function;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Crossing between Java and WebAssembly, on every engine in one run: Java calling an exported
 * {@code (i32, i32) -> i32} add ({@code *Add}), and Java calling an export that calls a Java
 * host add and returns its result ({@code *CallHost}; the difference to {@code *Add} is
 * roughly one Wasm → host → Wasm call).
 *
 * <ul>
 *   <li>{@code bareFfmAdd}: a plain FFM downcall to a C {@code int add(int, int)} — the floor
 *       for any Java → native call;
 *   <li>{@code kilnInterpreter*}: Kiln's public API on its interpreter;
 *   <li>{@code native*}: Kiln's native substrate with hand-assembled code
 *       ({@link NativeCalls}): {@code nativeAdd} through the register-form entry (goal: within
 *       2x of {@code bareFfmAdd}), {@code nativeAddSlots} through the slot form, and
 *       {@code nativeHostRoundTrip}, one native → Java → native host call measured inside a
 *       native loop of {@value NativeCalls#HOST_LOOP} calls, so no entry cost is included
 *       (goal: under 40 ns);
 *   <li>{@code chicoryInterpreter*} and {@code chicoryCompiler*}: Chicory's interpreter and its
 *       AOT compiler on the same modules.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallBench {

    // Fields, not constants, so the JIT cannot fold the arguments.
    int a = 20;
    int b = 22;
    /** The in/out slots of the slot-form call: ExecutionContext.call reads and writes the caller's array. */
    final long[] v = new long[2];

    @Benchmark
    public int bareFfmAdd() throws Throwable {
        return (int) NativeCalls.BARE_ADD.invokeExact(a, b);
    }

    @Benchmark
    public long[] kilnInterpreterAdd(KilnCalls kiln) {
        return kiln.add.call(a, b);
    }

    /** The allocation-free form of {@code kilnInterpreterAdd}: arguments and result in one reused array. */
    @Benchmark
    public long kilnInterpreterAddWithStack(KilnCalls kiln) {
        return callWithStack(kiln.add, kiln.stack);
    }

    @Benchmark
    public long[] kilnInterpreterCallHost(KilnCalls kiln) {
        return kiln.callHost.call(a, b);
    }

    @Benchmark
    public long[] kilnCompilerAdd(KilnCompiledCalls kiln) {
        return kiln.add.call(a, b);
    }

    /** The allocation-free form of {@code kilnCompilerAdd}. */
    @Benchmark
    public long kilnCompilerAddWithStack(KilnCompiledCalls kiln) {
        return callWithStack(kiln.add, kiln.stack);
    }

    @Benchmark
    public long[] kilnCompilerCallHost(KilnCompiledCalls kiln) {
        return kiln.callHost.call(a, b);
    }

    /** One Wasm-to-host-and-back call of compiled code: {@code host_loop} makes a hundred in a loop. */
    @Benchmark
    @OperationsPerInvocation(TinyModules.HOST_CALLS)
    public long kilnCompilerHostRoundTrip(KilnCompiledCalls kiln) {
        return callWithStack(kiln.hostLoop, kiln.stack);
    }

    /** {@code function(a, b)} through the allocation-free path, in the reused {@code stack}. */
    private long callWithStack(Function function, long[] stack) {
        stack[0] = a;
        stack[1] = b;
        function.callWithStack(stack);
        return stack[0];
    }

    @Benchmark
    public long nativeAdd(NativeCalls kiln) {
        return kiln.context.callRegisters(kiln.addFunction, a, b, 0, 0);
    }

    @Benchmark
    public long nativeAddSlots(NativeCalls kiln) {
        v[0] = a;
        v[1] = b;
        kiln.context.call(kiln.binaryI32, kiln.add, 0, v);
        return v[0];
    }

    @Benchmark
    public long nativeCallHost(NativeCalls kiln) {
        return kiln.context.callRegisters(kiln.callHostFunction, a, b, 0, 0);
    }

    @Benchmark
    @OperationsPerInvocation(NativeCalls.HOST_LOOP)
    public long nativeHostRoundTrip(NativeCalls kiln) {
        return kiln.context.callRegisters(kiln.hostLoopFunction, a, b, 0, 0);
    }

    @Benchmark
    public long[] chicoryInterpreterAdd(ChicoryCalls chicory) {
        return chicory.add.apply(a, b);
    }

    @Benchmark
    public long[] chicoryInterpreterCallHost(ChicoryCalls chicory) {
        return chicory.callHost.apply(a, b);
    }

    @Benchmark
    public long[] chicoryCompilerAdd(ChicoryCompiledCalls chicory) {
        return chicory.add.apply(a, b);
    }

    @Benchmark
    public long[] chicoryCompilerCallHost(ChicoryCompiledCalls chicory) {
        return chicory.callHost.apply(a, b);
    }

    /** Set-up check that a benchmarked call computes 20 + 22: a broken call path must not be timed. */
    static void requireSum(long[] results, String what) {
        if (results.length != 1 || results[0] != 42) {
            throw new IllegalStateException(what + "(20, 22) returned " + java.util.Arrays.toString(results));
        }
    }
}
