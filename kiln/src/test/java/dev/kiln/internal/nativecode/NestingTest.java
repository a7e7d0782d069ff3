package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Host functions that call native code again on the same context, which calls host functions
 * again: {@code N(x) = 2 * H(x) + 1} in native code, {@code H(x) = x == 3 ? 7 : N(x + 1) + 100}
 * in Java.
 *
 * <pre>
 *   Java -> N(1) -> H(1) -> N(2) -> H(2) -> N(3) -> H(3) = 7
 *                                            N(3) = 15
 *                                   H(2) = 115
 *                           N(2) = 231
 *                   H(1) = 331
 *           N(1) = 663
 * </pre>
 */
class NestingTest {

    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(I64), List.of(I64));

    private final CodeArena arena = CodeArena.open();
    private final ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 256L << 20);
    private final List<String> trace = new ArrayList<>();
    private final EntryStub entry = arena.entryStub(I64_TO_I64);
    private final long sum = arena.install(TestCode.sum()).address(0);
    private long n;
    /** What H does at level 2 before it calls N(3). */
    private Runnable atLevelTwo = () -> { };

    NestingTest() {
        int id = arena.registerHostFunction(I64_TO_I64, (caller, stack) -> {
            long x = stack[0];
            if (x == 3) {
                stack[0] = 7;
            } else {
                if (x == 2) {
                    atLevelTwo.run();
                }
                long[] v = {x + 1};
                context.call(entry, n, 0, v);
                if (stack[0] != x) {
                    throw new AssertionError("a nested host call reused this host function's array");
                }
                trace.add("N(" + (x + 1) + ")=" + v[0]);
                stack[0] = v[0] + 100;
            }
            trace.add("H(" + x + ")=" + stack[0]);
        });
        n = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(I64_TO_I64), id)).address(0);
    }

    @AfterEach
    void close() {
        context.close();
        arena.close();
    }

    private long callN1() {
        long[] v = {1};
        context.call(entry, n, 0, v);
        return v[0];
    }

    @Test
    void threeLevelsDeepWithResultsCheckedAtEveryLevel() {
        for (int round = 0; round < 3; round++) {
            trace.clear();
            assertEquals(663, callN1());
            assertEquals(List.of("H(3)=7", "N(3)=15", "H(2)=115", "N(2)=231", "H(1)=331"), trace);
        }
    }

    @Test
    void aStackGrowthInsideANestedCallMovesTheOuterFramesToo() {
        atLevelTwo = () -> {
            long[] v = {200_000};
            context.call(entry, sum, 0, v);
            assertEquals(20_000_100_000L, v[0]);
        };
        assertEquals(663, callN1());
        assertTrue(context.stackGrowths() >= 2, "grew " + context.stackGrowths() + " times");
        assertEquals(List.of("H(3)=7", "N(3)=15", "H(2)=115", "N(2)=231", "H(1)=331"), trace);
    }

    @Test
    void aTrapInANestedCallCanBeCaughtByTheHostFunctionAndTheOuterCallGoesOn() {
        long trap = arena.install(TestCode.trap(ExitCode.TRAP_INTEGER_DIVIDE_BY_ZERO)).address(0);
        atLevelTwo = () -> {
            TrapException t = assertThrows(TrapException.class,
                    () -> context.call(arena.entryStub(FunctionType.EMPTY), trap, 0, new long[0]));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        };
        assertEquals(663, callN1());
    }

    @Test
    void anExceptionFromTheInnermostHostFunctionReachesTheOutermostCaller() {
        RuntimeException boom = new UnsupportedOperationException("deep");
        atLevelTwo = () -> {
            throw boom;
        };
        assertSame(boom, assertThrows(UnsupportedOperationException.class, this::callN1));
        atLevelTwo = () -> { };
        assertEquals(663, callN1(), "the next call works");
    }

    @Test
    void theContextCannotCloseUnderARunningCall() {
        atLevelTwo = () -> assertThrows(IllegalStateException.class, context::close);
        assertEquals(663, callN1());
    }
}
