package dev.kiln.bench;

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
 * Crossing into native code and back (issue 3's performance goals), beside what it competes
 * with, in one run:
 *
 * <ul>
 *   <li>{@code bareFfmAdd}: a plain FFM downcall to a C {@code int add(int, int)} — the floor;
 *   <li>{@code nativeAdd}: Kiln's entry path (register-form entry stub, Wasm stack, dispatch
 *       loop) to the same add under Kiln's internal ABI; the goal is within 2x of the floor;
 *   <li>{@code nativeAddSlots}: the same through the slot-form entry, which every signature
 *       has (values through a slot array);
 *   <li>{@code nativeCallHost}: Java to native code that calls a Java host add and returns;
 *   <li>{@code nativeHostRoundTrip}: one native to Java to native host call, measured inside
 *       a native loop of {@value NativeCalls#HOST_LOOP} calls so no entry cost is included;
 *       the goal is under 40 ns;
 *   <li>Chicory's interpreter and its AOT compiler on the same {@code add} and {@code call_host}.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NativeCallBench {

    int a = 20;
    int b = 22;
    /** The in/out slots of the slot-form call: ExecutionContext.call reads and writes the caller's array. */
    final long[] v = new long[2];

    @Benchmark
    public int bareFfmAdd() throws Throwable {
        return (int) NativeCalls.BARE_ADD.invokeExact(a, b);
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
}
