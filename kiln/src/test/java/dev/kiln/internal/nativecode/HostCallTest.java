package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.FunctionType;
import dev.kiln.HostFunction;
import dev.kiln.Instance;
import dev.kiln.Runtime;
import dev.kiln.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java to native to Java and back, every value's bits checked on the way. */
class HostCallTest {

    private final CodeArena arena = CodeArena.open();
    private final ExecutionContext context = new ExecutionContext(arena);

    @AfterEach
    void close() {
        context.close();
        arena.close();
    }

    /** The slot form of value {@code i} of type {@code t}, with junk where the type has no bits. */
    private static long[] junkyValue(ValueType t, int i) {
        return switch (t) {
            case I32 -> new long[] {0xDEAD_BEEF_0000_0000L | (0x8000_0000L + i)};
            case I64 -> new long[] {0x0123_4567_89AB_CDEFL ^ ((long) i << 56)};
            case F32 -> new long[] {0xBAD0_0000_0000_0000L | 0x7FA0_0000L | i}; // a signalling NaN
            case F64 -> new long[] {0x7FF4_0000_0000_0000L | i};                // a signalling NaN
            case V128 -> new long[] {0xA5A5_0000_0000_0000L | i, 0x5A5A_FFFF_0000_0000L | i};
            default -> throw new AssertionError(t);
        };
    }

    /** What survives of {@link #junkyValue}: i32 and f32 are zero-extended. */
    private static long[] cleanValue(ValueType t, int i) {
        long[] v = junkyValue(t, i);
        if (t == I32 || t == F32) {
            v[0] &= 0xFFFF_FFFFL;
        }
        return v;
    }

    private static long[] concat(List<ValueType> types, boolean junky) {
        long[] out = new long[types.stream().mapToInt(ValueType::slots).sum()];
        int at = 0;
        for (int i = 0; i < types.size(); i++) {
            long[] v = junky ? junkyValue(types.get(i), i) : cleanValue(types.get(i), i);
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    @Test
    void twentyMixedArgumentsReachAHostFunctionAndFiveMixedResultsComeBack() {
        List<ValueType> params = TestCode.repeat(List.of(I32, I64, F32, F64, V128), 4);
        List<ValueType> results = List.of(I32, I64, F32, F64, V128);
        FunctionType type = new FunctionType(params, results);
        long[] seen = new long[24];
        int id = arena.registerHostFunction(type, (caller, stack) -> {
            assertEquals(24, stack.length, "as long as the larger of parameters and results");
            System.arraycopy(stack, 0, seen, 0, 24);
            long[] r = concat(results, true);
            System.arraycopy(r, 0, stack, 0, r.length);
        });
        CallLayout layout = arena.stubs().layout(type);
        CodeBlock f = arena.install(TestCode.forwarder(layout, arena.hostTrampoline(type), id));

        long[] values = concat(params, true);
        context.call(arena.entryStub(type), f.address(0), 0, values);

        assertArrayEquals(concat(params, false), seen, "the host saw every parameter, i32/f32 zero-extended");
        long[] expected = concat(results, false);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], values[i], "result slot " + i);
        }
    }

    @Test
    void resultsPastTheRegistersTravelOnTheStackBothWays() {
        FunctionType type = new FunctionType(List.of(I64), TestCode.repeat(List.of(I64, F64), 10));
        int id = arena.registerHostFunction(type, (caller, stack) -> {
            long x = stack[0];
            for (int i = 0; i < 20; i++) {
                stack[i] = x * 1000 + i;
            }
        });
        CodeBlock f = arena.install(TestCode.forwarder(arena.stubs().layout(type), arena.hostTrampoline(type), id));
        long[] values = {7};
        values = java.util.Arrays.copyOf(values, 20);
        context.call(arena.entryStub(type), f.address(0), 0, values);
        for (int i = 0; i < 20; i++) {
            assertEquals(7000 + i, values[i], "result " + i);
        }
    }

    @Test
    void moreResultsThanParametersFindZerosNotAnEarlierCallsValues() {
        FunctionType type = new FunctionType(List.of(I64), List.of(I64, I64, I64));
        long[][] seen = new long[2][];
        int[] call = {0};
        int id = arena.registerHostFunction(type, (caller, stack) -> {
            seen[call[0]++] = stack.clone();
            stack[1] = 77;
            stack[2] = 88;
        });
        CodeBlock f = arena.install(TestCode.forwarder(arena.stubs().layout(type), arena.hostTrampoline(type), id));
        for (int i = 0; i < 2; i++) {
            long[] v = {5, 0, 0};
            context.call(arena.entryStub(type), f.address(0), 0, v);
            assertArrayEquals(new long[] {5, 77, 88}, v);
        }
        assertArrayEquals(new long[] {5, 0, 0}, seen[0]);
        assertArrayEquals(new long[] {5, 0, 0}, seen[1]);
    }

    @Test
    void aHostFunctionWithNoParametersOrResults() {
        int[] calls = {0};
        int id = arena.registerHostFunction(FunctionType.EMPTY, (caller, stack) -> {
            assertEquals(0, stack.length);
            calls[0]++;
        });
        CodeBlock f = arena.install(TestCode.forwarder(
                arena.stubs().layout(FunctionType.EMPTY), arena.hostTrampoline(FunctionType.EMPTY), id));
        for (int i = 0; i < 3; i++) {
            context.call(arena.entryStub(FunctionType.EMPTY), f.address(0), 0, new long[0]);
        }
        assertEquals(3, calls[0]);
    }

    @Test
    void aThrowingHostFunctionsExceptionReachesTheCallerAndTheNextCallWorks() {
        FunctionType type = new FunctionType(List.of(I64), List.of(I64));
        RuntimeException boom = new IllegalStateException("boom");
        int id = arena.registerHostFunction(type, (caller, stack) -> {
            if (stack[0] == 13) {
                throw boom;
            }
            stack[0] = stack[0] + 1;
        });
        long f = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(type), id)).address(0);
        EntryStub entry = arena.entryStub(type);
        for (int round = 0; round < 3; round++) {
            long[] v = {13};
            assertSame(boom, assertThrows(IllegalStateException.class, () -> context.call(entry, f, 0, v)));
            long[] w = {20};
            context.call(entry, f, 0, w);
            assertEquals(43, w[0]);
        }
    }

    @Test
    void nativeCodeNamingAnUnknownHostFunctionOrTheWrongTrampolineIsAnException() {
        FunctionType type = new FunctionType(List.of(I64), List.of(I64));
        FunctionType other = new FunctionType(List.of(I32), List.of());
        int id = arena.registerHostFunction(other, (caller, stack) -> { });
        EntryStub entry = arena.entryStub(type);
        long unknown = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(type), 999)).address(0);
        assertThrows(IllegalStateException.class, () -> context.call(entry, unknown, 0, new long[] {1}));
        long wrong = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(type), id)).address(0);
        assertThrows(IllegalStateException.class, () -> context.call(entry, wrong, 0, new long[] {1}));
        long[] v = {3, 4};
        context.call(arena.entryStub(new FunctionType(List.of(I32, I32), List.of(I32))),
                arena.install(TestCode.add32()).address(0), 0, v);
        assertEquals(7, v[0], "the context still works");
    }

    @Test
    void eachRegistrationTellsItsHostFunctionWhichInstanceCalledIt() {
        FunctionType type = new FunctionType(List.of(I64), List.of(I64));
        try (Runtime runtime = Runtime.create()) {
            byte[] emptyModule = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
            Instance first = runtime.instantiate(runtime.compile(emptyModule));
            Instance second = runtime.instantiate(runtime.compile(emptyModule));
            List<Instance> callers = new ArrayList<>();
            HostFunction shared = (caller, stack) -> {
                callers.add(caller);
                stack[0] = stack[0] + 1;
            };
            EntryStub entry = arena.entryStub(type);
            for (Instance caller : new Instance[] {first, second, null}) {
                int id = caller == null ? arena.registerHostFunction(type, shared)
                        : arena.registerHostFunction(type, shared, caller);
                long f = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(type), id)).address(0);
                long[] v = {20};
                context.call(entry, f, 0, v);
                assertEquals(43, v[0]);
            }
            assertEquals(java.util.Arrays.asList(first, second, null), callers);
        }
    }
}
