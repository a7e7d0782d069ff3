package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.WasmStackFrame;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Four threads, each with its own context and stack, sharing one arena's code for seconds,
 * while the main thread keeps describing more code for stack traces.
 */
class ConcurrencyTest {

    @Test
    void fourThreadsRunTheirOwnCallsAtOnce() throws Exception {
        FunctionType add = new FunctionType(List.of(I32, I32), List.of(I32));
        FunctionType i64ToI64 = new FunctionType(List.of(I64), List.of(I64));
        try (CodeArena arena = CodeArena.open()) {
            long addCode = arena.install(TestCode.add32()).address(0);
            long sum = arena.install(TestCode.sum()).address(0);
            int id = arena.registerHostFunction(i64ToI64, (caller, stack) -> stack[0] = stack[0] * 3);
            long viaHost = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(i64ToI64), id)).address(0);
            EntryStub addEntry = arena.entryStub(add);
            EntryStub i64Entry = arena.entryStub(i64ToI64);
            NativeFunction addFunction = arena.function(add, addCode, 0);
            NativeFunction viaHostFunction = arena.function(i64ToI64, viaHost, 0);
            CodeBlock trap = arena.install(TestCode.trap(ExitCode.TRAP_UNREACHABLE));
            CodeBlock callsTrap = arena.install(
                    TestCode.forwarder(new CallLayout(FunctionType.EMPTY), trap.address(0), 0));
            WasmStackFrame inner = new WasmStackFrame("m", 0, "inner", -1);
            WasmStackFrame outer = new WasmStackFrame("m", 1, "outer", -1);
            arena.describeFunction(trap, 0, trap.length(), inner);
            arena.describeFunction(callsTrap, 0, callsTrap.length(), outer);
            EntryStub emptyEntry = arena.entryStub(FunctionType.EMPTY);
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            AtomicLong traps = new AtomicLong();
            int rounds = 3000;
            Thread[] threads = new Thread[4];
            for (int t = 0; t < threads.length; t++) {
                int seed = t;
                threads[t] = new Thread(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    try (ExecutionContext context = new ExecutionContext(arena, 16 * 1024, 8L << 20)) {
                        long n = 0;
                        for (int round = 0; round < rounds; round++) {
                            int a = random.nextInt();
                            int b = random.nextInt();
                            long[] v = {a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL};
                            context.call(addEntry, addCode, 0, v);
                            assertEquals((a + b) & 0xFFFF_FFFFL, v[0]);
                            long x = random.nextLong(1L << 40);
                            v[0] = x;
                            context.call(i64Entry, viaHost, 0, v);
                            assertEquals(6 * x + 1, v[0]);
                            // The same two through the register form.
                            assertEquals((a + b) & 0xFFFF_FFFFL, context.callRegisters(addFunction, a, b, 0, 0));
                            assertEquals(6 * x + 1, context.callRegisters(viaHostFunction, x, 0, 0, 0));
                            if (round % 64 == 0) {
                                long depth = random.nextLong(1, 300_000);
                                v[0] = depth;
                                try {
                                    context.call(i64Entry, sum, 0, v);
                                    assertEquals(depth * (depth + 1) / 2, v[0]);
                                } catch (TrapException overflow) {
                                    assertTrue(depth * 32 > (8L << 20) - 64 * 1024, "trapped at depth " + depth);
                                }
                            }
                            if (round % 128 == 0) {
                                try {
                                    context.call(emptyEntry, callsTrap.address(0), 0, new long[0]);
                                    throw new AssertionError("no trap");
                                } catch (TrapException expected) {
                                    assertEquals(List.of(inner, outer), expected.wasmStackTrace());
                                    traps.incrementAndGet();
                                }
                            }
                            n += 4;
                        }
                        calls.addAndGet(n);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads[t].start();
            }
            // Code is installed and described while the threads call (a fixed amount, not for a
            // fixed time: the test must not depend on how fast a loaded machine runs).
            int described = 0;
            while (described < 150) {
                CodeBlock more = arena.install(TestCode.add32());
                arena.describeFunction(more, 0, more.length(), new WasmStackFrame("m", 2 + described, null, -1));
                described++;
                Thread.sleep(1);
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError(failures.size() + " thread(s) failed");
                failures.forEach(error::addSuppressed);
                throw error;
            }
            assertEquals(4L * rounds * threads.length, calls.get());
            assertEquals((long) (rounds + 127) / 128 * threads.length, traps.get());
        }
    }
}
