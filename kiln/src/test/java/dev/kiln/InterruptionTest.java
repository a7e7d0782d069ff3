package dev.kiln;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.testing.TestModule;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Instance#interrupt()} and call timeouts stop code that would run forever, and leave
 * the instance ready for its next call.
 */
class InterruptionTest {

    /** How long a test waits for something that should happen at once; never reached when it works. */
    private static final long PATIENCE_SECONDS = 20;

    private final AtomicLong ticks = new AtomicLong();
    private final AtomicReference<Function> nested = new AtomicReference<>();
    private ExecutorService worker;

    @BeforeEach
    void startWorker() {
        worker = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    /** Functions that never return on their own, and {@code countdown}, which does. */
    private static byte[] runaways() {
        TestModule m = new TestModule();
        int tick = m.importFunction("env", "tick", sig("", ""));
        int nest = m.importFunction("env", "nest", sig("", "i32"));
        m.function("spin", sig("", ""), "loop br 0 end");
        int spinTable = m.function("spinTable", sig("", ""), "loop block i32.const 1 br_table 0,1 end end");
        int fib = spinTable + 1; // the next function defined: it calls itself
        m.function("fib", sig("i32", "i32"), "local.get 0 i32.const 2 i32.lt_u if i32 local.get 0 else "
                + "local.get 0 i32.const 1 i32.sub call " + fib + " local.get 0 i32.const 2 i32.sub call " + fib
                + " i32.add end");
        int deep = fib + 1;
        m.function("deepThenSpin", sig("i32", ""),
                "local.get 0 if local.get 0 i32.const 1 i32.sub call " + deep + " else loop br 0 end end");
        m.function("hostLoop", sig("", ""), "loop call " + tick + " br 0 end");
        m.function("nested", sig("", "i32"), "call " + nest);
        m.function("countdown", sig("i32", "i32"), "block loop local.get 0 i32.eqz br_if 1 "
                + "local.get 0 i32.const 1 i32.sub local.set 0 br 0 end end local.get 0");
        return m.encode();
    }

    private Instance instantiate(Runtime runtime) {
        runtime.hostModule("env")
                .function("tick", sig("", ""), (caller, stack) -> ticks.incrementAndGet())
                .function("nest", sig("", "i32"), (caller, stack) -> {
                    TrapException inner = assertThrows(TrapException.class, () -> nested.get().call());
                    assertEquals(TrapKind.INTERRUPTED, inner.kind());
                    // The interruption stops the whole call from Java: running more Wasm below
                    // this host function traps at once.
                    TrapException again = assertThrows(TrapException.class,
                            () -> caller.function("countdown").call(5));
                    assertEquals(TrapKind.INTERRUPTED, again.kind());
                    stack[0] = 42;
                })
                .instantiate();
        return runtime.instantiate(runtime.compile(runaways()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin", "spinTable", "fib", "deepThenSpin", "hostLoop"})
    void interruptFromAnotherThreadStopsTheCall(String name) throws Exception {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = instantiate(runtime);
            Function function = instance.function(name);
            Future<long[]> call = worker.submit(() -> function.call(argsOf(function)));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (!instance.interrupt()) {
                assertTrue(System.nanoTime() < deadline, "the call never started");
                Thread.onSpinWait();
            }
            TrapException trap = trapOf(call);
            assertEquals(TrapKind.INTERRUPTED, trap.kind());
            assertFalse(trap.wasmStackTrace().isEmpty(), "the trap says where the code was");

            assertUsableAfterwards(instance);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin", "fib", "deepThenSpin", "hostLoop"})
    void aCallTimeoutStopsTheCall(String name) throws Exception {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = instantiate(runtime);
            Duration timeout = Duration.ofMillis(50);
            Function timed = instance.function(name).withTimeout(timeout);
            assertEquals(timeout, timed.timeout().orElseThrow());

            long start = System.nanoTime();
            Future<long[]> call = worker.submit(() -> timed.call(argsOf(timed)));
            assertEquals(TrapKind.INTERRUPTED, trapOf(call).kind());
            assertTrue(System.nanoTime() - start >= timeout.toNanos(), "the timeout did not fire early");

            assertUsableAfterwards(instance);
        }
    }

    /**
     * A deadline that expires before its call has entered the instance found nothing running and
     * was spent, so the call ran on unbounded. A 1 ns timeout expires there almost every time.
     */
    @RepeatedTest(20)
    void aTimeoutThatExpiresBeforeTheCallStartsStillStopsIt() throws Exception {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = instantiate(runtime);
            Function timed = instance.function("spin").withTimeout(Duration.ofNanos(1));
            assertEquals(TrapKind.INTERRUPTED, trapOf(worker.submit(() -> timed.call())).kind());
            assertUsableAfterwards(instance);
        }
    }

    @Test
    void theRuntimesCallTimeoutAppliesToEveryFunctionUnlessRemoved() throws Exception {
        RuntimeConfig config = RuntimeConfig.defaults().withCallTimeout(Duration.ofMillis(50));
        try (Runtime runtime = Runtime.create(config)) {
            Instance instance = instantiate(runtime);
            Function spin = instance.function("spin");
            assertEquals(Duration.ofMillis(50), spin.timeout().orElseThrow());
            assertEquals(TrapKind.INTERRUPTED, assertThrows(TrapException.class, spin::call).kind());
            assertTrue(instance.function("spin").withoutTimeout().timeout().isEmpty());

            // Calls that end in time are not disturbed, and none is hit by an earlier call's timer.
            Function countdown = instance.function("countdown");
            for (int i = 0; i < 1000; i++) {
                assertEquals(0, countdown.call(100)[0]);
            }
        }
    }

    @Test
    void aHostFunctionCannotSwallowAnInterruption() throws Exception {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = instantiate(runtime);
            nested.set(instance.function("spin").withTimeout(Duration.ofMillis(20)));
            // The host function catches the inner trap and returns normally; the outer call
            // still completes, as nothing below it polls again before it returns.
            assertEquals(42, instance.function("nested").call()[0]);
            assertUsableAfterwards(instance);
        }
    }

    @Test
    void anInterruptionEndsTheWaitOfAHostFunctionThatRegisteredForIt() throws Exception {
        try (Runtime runtime = Runtime.create()) {
            CountDownLatch woken = new CountDownLatch(1);
            runtime.hostModule("env")
                    .function("wait", sig("", ""), (caller, stack) -> {
                        Instance.Wakeup registration = caller.wakeOnInterrupt(woken::countDown);
                        try {
                            assertTrue(woken.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the wait was ended");
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        } finally {
                            registration.close();
                        }
                    })
                    .instantiate();
            TestModule m = new TestModule();
            int wait = m.importFunction("env", "wait", sig("", ""));
            m.function("run", sig("", ""), "call " + wait + " loop br 0 end"); // the flag stops the loop
            Instance instance = m.instantiate(runtime);
            Future<long[]> call = worker.submit(() -> instance.function("run").call());
            while (!instance.interrupt()) {
                Thread.sleep(1);
            }
            assertEquals(TrapKind.INTERRUPTED, trapOf(call).kind());
        }
    }

    @Test
    void aWakeupRegisteredAfterTheInterruptionRunsAtOnce() {
        try (Runtime runtime = Runtime.create()) {
            int[] wakeups = new int[1];
            runtime.hostModule("env")
                    .function("wait", sig("", ""), (caller, stack) -> {
                        caller.interrupt();
                        Instance.Wakeup registration = caller.wakeOnInterrupt(() -> wakeups[0]++);
                        assertEquals(1, wakeups[0], "registering on an interrupted call ran the wake-up");
                        registration.close();
                        caller.interrupt();
                        assertEquals(1, wakeups[0], "a closed registration is not run");
                    })
                    .instantiate();
            TestModule m = new TestModule();
            int wait = m.importFunction("env", "wait", sig("", ""));
            m.function("run", sig("", ""), "call " + wait + " loop br 0 end"); // the flag stops the loop
            Instance instance = m.instantiate(runtime);
            assertEquals(TrapKind.INTERRUPTED, assertThrows(TrapException.class, () -> instance.function("run").call()).kind());
        }
    }

    @Test
    void interruptingAnIdleInstanceDoesNothing() {
        try (Runtime runtime = Runtime.create()) {
            Instance instance = instantiate(runtime);
            assertFalse(instance.interrupt(), "nothing was running");
            assertEquals(0, instance.function("countdown").call(1000)[0]);
            instance.close();
            assertFalse(instance.interrupt(), "a closed instance runs nothing");
        }
    }

    @Test
    void timeoutsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> RuntimeConfig.defaults().withCallTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> RuntimeConfig.defaults().withCallTimeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> RuntimeConfig.defaults().withCallTimeout(null));
        try (Runtime runtime = Runtime.create()) {
            Function countdown = instantiate(runtime).function("countdown");
            assertThrows(IllegalArgumentException.class, () -> countdown.withTimeout(Duration.ZERO));
            assertEquals(0, countdown.withTimeout(Duration.ofSeconds(Long.MAX_VALUE)).call(10)[0],
                    "a timeout beyond what nanoseconds hold is as good as none");
        }
    }

    @Test
    void closingTheRuntimeStopsTheTimerThread() throws Exception {
        try (Runtime runtime = Runtime.create()) {
            Function countdown = instantiate(runtime).function("countdown").withTimeout(Duration.ofSeconds(30));
            assertEquals(0, countdown.call(10)[0]);
            assertTrue(timerThreadAlive(), "the first timed call started the timer");
            runtime.close();
            assertThrows(IllegalStateException.class, () -> countdown.call(10));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (timerThreadAlive()) {
            assertTrue(System.nanoTime() < deadline, "the timer thread outlived its runtime");
            Thread.sleep(10);
        }
    }

    private static boolean timerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("kiln-deadline") && t.isAlive());
    }

    /** The instance runs its next calls normally: on the thread that was interrupted and on another. */
    private void assertUsableAfterwards(Instance instance) throws Exception {
        Function countdown = instance.function("countdown");
        assertEquals(0, worker.submit(() -> countdown.call(100_000)[0]).get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, countdown.call(100_000)[0]);
        assertEquals(6765, instance.function("fib").call(20)[0]);
    }

    private static long[] argsOf(Function function) {
        return switch (function.name()) {
            case "fib" -> new long[] {60};
            case "deepThenSpin" -> new long[] {10_000};
            default -> new long[0];
        };
    }

    private static TrapException trapOf(Future<long[]> call) throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> call.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(TrapException.class, failed.getCause());
    }
}
