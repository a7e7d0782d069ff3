package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.I32;
import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.testing.ManyThreads;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecutionContextPool}: contexts lent per outermost call and given back, so many
 * threads, virtual ones included, call native code (host calls, host functions calling back in,
 * stack growth, traps) with a few contexts, and none is held once they are done.
 */
class ExecutionContextPoolTest {

    private static final FunctionType ADD = new FunctionType(List.of(I32, I32), List.of(I32));
    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(I64), List.of(I64));
    private static final int MAX_IDLE = 4;

    @Test
    void aThousandVirtualAndFourPlatformThreadsShareAFewContexts() throws InterruptedException {
        try (CodeArena arena = CodeArena.open();
             ExecutionContextPool pool = new ExecutionContextPool(arena, 16 * 1024, 8L << 20, MAX_IDLE)) {
            long add = arena.install(TestCode.add32()).address(0);
            long sum = arena.install(TestCode.sum()).address(0);
            long trap = arena.install(TestCode.trap(ExitCode.TRAP_UNREACHABLE)).address(0);
            EntryStub addEntry = arena.entryStub(ADD);
            EntryStub i64Entry = arena.entryStub(I64_TO_I64);
            EntryStub emptyEntry = arena.entryStub(FunctionType.EMPTY);
            // host(x) = x + add(x, 1), the add a nested call on the caller's own context
            int id = arena.registerHostFunction(I64_TO_I64, (caller, stack) -> {
                ExecutionContext context = pool.enter();
                try {
                    long[] v = {stack[0] & 0xFFFF_FFFFL, 1};
                    context.call(addEntry, add, 0, v);
                    stack[0] = stack[0] + v[0];
                } finally {
                    pool.exit(context);
                }
            });
            long viaHost = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(I64_TO_I64), id)).address(0);

            ManyThreads.run(1000, 4, seed ->
                    calls(pool, new SplittableRandom(seed), addEntry, add, i64Entry, viaHost, sum, emptyEntry, trap));
            assertEquals(0, pool.lent(), "no context is held once the calls are over");
            assertTrue(pool.idle() <= MAX_IDLE, pool.idle() + " idle contexts");
        }
    }

    /** Twenty rounds of calls, each an outermost call with its own lent context. */
    private static void calls(ExecutionContextPool pool, SplittableRandom random, EntryStub addEntry, long add,
                              EntryStub i64Entry, long viaHost, long sum, EntryStub emptyEntry, long trap) {
        for (int round = 0; round < 20; round++) {
            ExecutionContext context = pool.enter();
            try {
                int a = random.nextInt();
                int b = random.nextInt();
                long[] v = {a & 0xFFFF_FFFFL, b & 0xFFFF_FFFFL};
                context.call(addEntry, add, 0, v);
                assertEquals((a + b) & 0xFFFF_FFFFL, v[0]);
                long x = random.nextLong(1L << 30);
                v[0] = x;
                context.call(i64Entry, viaHost, 0, v);
                assertEquals(2 * (x + ((x + 1) & 0xFFFF_FFFFL)) + 1, v[0]);
                if (round % 5 == 0) {
                    long depth = random.nextLong(1, 20_000); // grows a 16 KiB stack
                    v[0] = depth;
                    context.call(i64Entry, sum, 0, v);
                    assertEquals(depth * (depth + 1) / 2, v[0]);
                }
                if (round % 7 == 0) {
                    TrapException trapped = assertThrows(TrapException.class,
                            () -> context.call(emptyEntry, trap, 0, new long[0]));
                    assertEquals(TrapKind.UNREACHABLE, trapped.kind());
                }
            } finally {
                pool.exit(context);
            }
        }
    }

    @Test
    void nestedEntersShareTheOuterContextAndAThreadThatEndsHoldsNone() throws InterruptedException {
        try (CodeArena arena = CodeArena.open(); ExecutionContextPool pool = new ExecutionContextPool(arena)) {
            AtomicReference<ExecutionContext> seen = new AtomicReference<>();
            Thread first = Thread.ofPlatform().start(() -> {
                ExecutionContext outer = pool.enter();
                ExecutionContext inner = pool.enter();
                assertSame(outer, inner);
                pool.exit(inner);
                assertEquals(1, pool.lent(), "still the outer call's");
                pool.exit(outer);
                seen.set(outer);
            });
            first.join();
            assertEquals(0, pool.lent());
            assertEquals(1, pool.idle());
            ExecutionContext next = pool.enter();
            try {
                assertSame(seen.get(), next, "the ended thread's context went back to the pool");
                long add = arena.install(TestCode.add32()).address(0);
                long[] v = {2, 3};
                next.call(arena.entryStub(ADD), add, 0, v);
                assertEquals(5, v[0], "and runs on the thread it was lent to");
            } finally {
                pool.exit(next);
            }
        }
    }

    @Test
    void misuseIsRefused() {
        try (CodeArena arena = CodeArena.open()) {
            ExecutionContextPool pool = new ExecutionContextPool(arena, 16 * 1024, 1 << 20, 0);
            ExecutionContext context = pool.enter();
            try (ExecutionContext stranger = new ExecutionContext(arena)) {
                assertThrows(IllegalStateException.class, () -> pool.exit(stranger), "not this thread's context");
            }
            pool.exit(context);
            assertTrue(context.isClosed(), "maxIdle 0: closed when given back");
            assertThrows(IllegalStateException.class, () -> pool.exit(context), "exit without enter");
            ExecutionContext lent = pool.enter();
            pool.close();
            pool.exit(lent);
            assertTrue(lent.isClosed(), "a context lent when the pool closed is closed when given back");
            assertThrows(IllegalStateException.class, pool::enter, "a closed pool lends nothing");
        }
    }

    @Test
    void aDeferredFreeWaitsForTheContextsLentBeforeItOnly() throws Exception {
        try (CodeArena arena = CodeArena.open();
             ExecutionContextPool pool = new ExecutionContextPool(arena, 16 * 1024, 8L << 20, MAX_IDLE)) {
            List<String> freed = new java.util.concurrent.CopyOnWriteArrayList<>();
            assertEquals(false, pool.deferFree(() -> freed.add("now")), "nothing lent: the caller frees at once");

            java.util.concurrent.CountDownLatch lent = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch giveBack = new java.util.concurrent.CountDownLatch(1);
            Thread early = Thread.ofPlatform().start(() -> {
                ExecutionContext context = pool.enter();
                lent.countDown();
                try {
                    giveBack.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    pool.exit(context);
                }
            });
            lent.await();
            assertTrue(pool.deferFree(() -> freed.add("after early")));

            ExecutionContext late = pool.enter(); // lent after the free was asked for
            pool.exit(late);
            assertEquals(List.of(), freed, "a context lent later neither frees it nor is waited for");
            late = pool.enter();
            try {
                giveBack.countDown();
                early.join();
                assertEquals(List.of("after early"), freed, "freed when the early context came back, while the late one is out");
            } finally {
                pool.exit(late);
            }
            assertEquals(0, pool.lent());
        }
    }
}
