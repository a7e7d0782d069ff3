package dev.kiln.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Call overhead: Java calling an exported {@code (i32, i32) -> i32} add, and Java calling an
 * export that calls a host function and returns its result (Wasm to host and back). The
 * difference between the two is roughly the cost of one host call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallBench {

    // Fields, not constants, so the JIT cannot fold the arguments.
    long a = 20;
    long b = 22;

    @Benchmark
    public long[] kilnAdd(KilnCalls kiln) {
        return kiln.add.call(a, b);
    }

    @Benchmark
    public long[] chicoryAdd(ChicoryCalls chicory) {
        return chicory.add.apply(a, b);
    }

    @Benchmark
    public long[] kilnHostRoundTrip(KilnCalls kiln) {
        return kiln.callHost.call(a, b);
    }

    @Benchmark
    public long[] chicoryHostRoundTrip(ChicoryCalls chicory) {
        return chicory.callHost.apply(a, b);
    }

    /** Set-up check that a benchmarked call computes 20 + 22: a broken call path must not be timed. */
    static void requireSum(long[] results, String what) {
        if (results.length != 1 || results[0] != 42) {
            throw new IllegalStateException(what + "(20, 22) returned " + java.util.Arrays.toString(results));
        }
    }
}
