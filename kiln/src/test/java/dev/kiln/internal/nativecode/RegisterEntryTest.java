package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ExecutionContext#callRegisters}: parameters as downcall arguments and the result in
 * RAX, through every exit the slot form goes through.
 */
class RegisterEntryTest {

    private static final List<ValueType> SCALARS = List.of(I32, I64, F32, F64, EXTERNREF);
    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(I64), List.of(I64));

    private final CodeArena arena = CodeArena.open();
    private final ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 256L << 20);

    @AfterEach
    void close() {
        context.close();
        arena.close();
    }

    /** Value {@code i} of type {@code t} in slot form, with junk above an i32's or f32's bits. */
    private static long junky(ValueType t, int i) {
        return switch (t) {
            case I32 -> 0xDEAD_BEEF_0000_0000L | (0x8000_0000L + i);
            case F32 -> 0xBAD0_0000_0000_0000L | 0x7FA0_0000L | i; // a signalling NaN
            case F64 -> 0x7FF4_0000_0000_0000L | i;               // a signalling NaN
            default -> 0x0123_4567_89AB_CDEFL ^ ((long) i << 56);
        };
    }

    /** What the callee sees of {@link #junky}: i32 and f32 zero-extended. */
    private static long clean(ValueType t, int i) {
        long v = junky(t, i);
        return t == I32 || t == F32 ? v & 0xFFFF_FFFFL : v;
    }

    /** Every signature of up to two scalar parameters and up to one result, and some of three and four. */
    private static List<FunctionType> signatures() {
        List<List<ValueType>> paramLists = new ArrayList<>();
        paramLists.add(List.of());
        for (ValueType a : SCALARS) {
            paramLists.add(List.of(a));
            for (ValueType b : SCALARS) {
                paramLists.add(List.of(a, b));
            }
        }
        paramLists.add(List.of(I32, F64, I64));
        paramLists.add(List.of(F32, F32, F32));
        paramLists.add(List.of(I64, I64, I64, I64));
        paramLists.add(List.of(F64, F64, F64, F64));
        paramLists.add(List.of(I32, F64, I64, F32));
        paramLists.add(List.of(F32, I32, F64, I64));
        List<FunctionType> out = new ArrayList<>();
        for (List<ValueType> params : paramLists) {
            out.add(new FunctionType(params, List.of()));
            for (ValueType r : SCALARS) {
                out.add(new FunctionType(params, List.of(r)));
            }
        }
        return out;
    }

    @Test
    void everyParameterReachesTheCalleeAndTheResultComesBackBitForBit() {
        for (FunctionType type : signatures()) {
            List<ValueType> params = type.params();
            long[] seen = new long[params.size()];
            int id = arena.registerHostFunction(type, (caller, stack) -> {
                System.arraycopy(stack, 0, seen, 0, seen.length);
                if (!type.results().isEmpty()) {
                    stack[0] = junky(type.results().get(0), 7);
                }
            });
            // A native function that hands its parameters to the host function and returns its result.
            long f = arena.install(TestCode.forwarder(arena.stubs().layout(type), arena.hostTrampoline(type), id))
                    .address(0);
            long[] p = new long[4];
            long[] expected = new long[params.size()];
            for (int i = 0; i < params.size(); i++) {
                p[i] = junky(params.get(i), i);
                expected[i] = clean(params.get(i), i);
            }
            assertTrue(arena.entryStub(type).hasRegisterForm(), type.toString());
            long r = context.callRegisters(arena.function(type, f, 0), p[0], p[1], p[2], p[3]);
            assertArrayEquals(expected, seen, type.toString());
            assertEquals(type.results().isEmpty() ? 0 : clean(type.results().get(0), 7), r, type.toString());
        }
    }

    @Test
    void eachParameterRegisterHoldsExactlyTheSlotFormOfItsValue() {
        List<List<ValueType>> paramLists = List.of(List.of(I32, F32, I32, F32), List.of(F32, I32, F32, I32),
                List.of(I64, F64, EXTERNREF, F64), List.of(I32, I32, I32, I32));
        for (List<ValueType> params : paramLists) {
            FunctionType type = new FunctionType(params, List.of(I64));
            CallLayout layout = arena.stubs().layout(type);
            for (int k = 0; k < params.size(); k++) {
                // Returns parameter k's whole register, upper bits included.
                Assembler a = new Assembler();
                if (layout.params.get(k).register() instanceof Gpr g) {
                    a.mov(Width.W64, Gpr.RAX, g);
                } else {
                    a.movq(Gpr.RAX, layout.params.get(k).register());
                }
                a.ret();
                long f = arena.install(a.finish()).address(0);
                long r = context.callRegisters(arena.function(type, f, 0), junky(params.get(0), 0),
                        junky(params.get(1), 1), junky(params.get(2), 2), junky(params.get(3), 3));
                assertEquals(clean(params.get(k), k), r, type + " parameter " + k);
            }
        }
    }

    /** {@code () -> type}: junk in the whole result register, which the stub must cut to the type. */
    private long dirtyResult(ValueType type) {
        Assembler a = new Assembler();
        a.mov(Width.W64, Gpr.RAX, new Imm(0xDEAD_BEEF_3F80_0001L));
        if (!ValueMoves.isInteger(type)) {
            a.movq(Xmm.XMM0, Gpr.RAX);
        }
        a.ret();
        return arena.install(a.finish()).address(0);
    }

    @Test
    void anI32OrF32ResultIsZeroExtendedWhateverTheRegisterHeldAbove() {
        for (ValueType t : SCALARS) {
            long r = context.callRegisters(arena.function(new FunctionType(List.of(), List.of(t)), dirtyResult(t), 0),
                    0, 0, 0, 0);
            assertEquals(t == I32 || t == F32 ? 0x3F80_0001L : 0xDEAD_BEEF_3F80_0001L, r, t.toString());
        }
    }

    @Test
    void aResultThatEqualsTheExitMarkerIsStillAResult() {
        Assembler a = new Assembler();
        a.mov(Width.W64, Gpr.RAX, new Imm(Exits.EXITED));
        a.ret();
        long f = arena.install(a.finish()).address(0);
        NativeFunction marker = arena.function(new FunctionType(List.of(), List.of(I64)), f, 0);
        assertEquals(Exits.EXITED, context.callRegisters(marker, 0, 0, 0, 0));
        assertEquals(Exits.EXITED, context.callRegisters(marker, 0, 0, 0, 0));
        // After exits of every kind the exit code reads RETURNED again, so the marker is still a result.
        FunctionType type = new FunctionType(List.of(), List.of(I64));
        int id = arena.registerHostFunction(type, (caller, stack) -> stack[0] = Exits.EXITED);
        long viaHost = arena.install(TestCode.forwarder(arena.stubs().layout(type), arena.hostTrampoline(type), id))
                .address(0);
        assertEquals(Exits.EXITED, context.callRegisters(arena.function(type, viaHost, 0), 0, 0, 0, 0));
        NativeFunction trap = arena.function(FunctionType.EMPTY,
                arena.install(TestCode.trap(ExitCode.TRAP_UNREACHABLE)).address(0), 0);
        assertThrows(TrapException.class, () -> context.callRegisters(trap, 0, 0, 0, 0));
        assertEquals(Exits.EXITED, context.callRegisters(marker, 0, 0, 0, 0));
    }

    @Test
    void aDeepRecursionGrowsTheStackAndTheCeilingTraps() {
        NativeFunction sum = arena.function(I64_TO_I64, arena.install(TestCode.sum()).address(0), 0);
        assertEquals(500_000_500_000L, context.callRegisters(sum, 1_000_000, 0, 0, 0));
        assertTrue(context.stackGrowths() >= 3, "grew " + context.stackGrowths() + " times");
        try (ExecutionContext small = new ExecutionContext(arena, 64 * 1024, 1 << 20)) {
            TrapException trap = assertThrows(TrapException.class,
                    () -> small.callRegisters(sum, 1_000_000, 0, 0, 0));
            assertEquals(TrapKind.STACK_OVERFLOW, trap.kind());
            assertEquals(500_500, small.callRegisters(sum, 1000, 0, 0, 0));
        }
    }

    @Test
    void aTrapBecomesATrapExceptionAndTheNextCallWorks() {
        NativeFunction trap = arena.function(FunctionType.EMPTY,
                arena.install(TestCode.trap(ExitCode.TRAP_UNREACHABLE)).address(0), 0);
        NativeFunction sum = arena.function(I64_TO_I64, arena.install(TestCode.sum()).address(0), 0);
        for (int round = 0; round < 3; round++) {
            TrapException e = assertThrows(TrapException.class, () -> context.callRegisters(trap, 0, 0, 0, 0));
            assertEquals(TrapKind.UNREACHABLE, e.kind());
            assertEquals(55, context.callRegisters(sum, 10, 0, 0, 0));
        }
    }

    @Test
    void aHostFunctionCallsBackInThreeLevelsDeep() {
        NativeFunction[] n = new NativeFunction[1];
        int id = arena.registerHostFunction(I64_TO_I64, (caller, stack) -> {
            long x = stack[0];
            stack[0] = x == 3 ? 7 : context.callRegisters(n[0], x + 1, 0, 0, 0) + 100;
        });
        long code = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(I64_TO_I64), id)).address(0);
        n[0] = arena.function(I64_TO_I64, code, 0);
        // N(3) = 2*7+1 = 15; H(2) = 115; N(2) = 231; H(1) = 331; N(1) = 663.
        for (int round = 0; round < 3; round++) {
            assertEquals(663, context.callRegisters(n[0], 1, 0, 0, 0));
        }
        // The register form works nested in the slot form.
        long[] v = {1};
        context.call(arena.entryStub(I64_TO_I64), code, 0, v);
        assertEquals(663, v[0]);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void aCheckedExceptionSmuggledOutOfAHostFunctionArrivesWrappedAndTheNextCallWorks() {
        boolean[] fail = {true};
        int id = arena.registerHostFunction(I64_TO_I64, (caller, stack) -> {
            if (fail[0]) {
                sneakyThrow(new java.io.IOException("disk full"));
            }
            stack[0] = 10;
        });
        NativeFunction f = arena.function(I64_TO_I64,
                arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(I64_TO_I64), id)).address(0), 0);
        dev.kiln.KilnException e = assertThrows(dev.kiln.KilnException.class,
                () -> context.callRegisters(f, 1, 0, 0, 0));
        assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
        fail[0] = false;
        assertEquals(21, context.callRegisters(f, 1, 0, 0, 0));
    }

    @Test
    void misuseIsAnExceptionNotACrash() throws Exception {
        long sumCode = arena.install(TestCode.sum()).address(0);
        NativeFunction sum = arena.function(I64_TO_I64, sumCode, 0);
        List<FunctionType> noRegisterForm = List.of(new FunctionType(List.of(I32, I32, I32, I32, I32), List.of()),
                new FunctionType(List.of(), List.of(I32, I32)), new FunctionType(List.of(V128), List.of()),
                new FunctionType(List.of(), List.of(V128)));
        for (FunctionType type : noRegisterForm) {
            assertFalse(arena.entryStub(type).hasRegisterForm());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> arena.function(type, sumCode, 0));
            assertTrue(e.getMessage().contains("no register form"), e.getMessage());
        }
        Throwable[] fromOtherThread = new Throwable[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                context.callRegisters(sum, 3, 0, 0, 0);
            } catch (Throwable e) {
                fromOtherThread[0] = e;
            }
        });
        t.join();
        assertTrue(fromOtherThread[0] instanceof WrongThreadException, String.valueOf(fromOtherThread[0]));
        Thread closer = Thread.ofPlatform().start(() -> {
            try {
                context.close();
            } catch (Throwable e) {
                fromOtherThread[0] = e;
            }
        });
        closer.join();
        assertTrue(fromOtherThread[0] instanceof WrongThreadException, String.valueOf(fromOtherThread[0]));
        assertEquals(6, context.callRegisters(sum, 3, 0, 0, 0), "still open after a foreign close");
        try (CodeArena other = CodeArena.open()) {
            NativeFunction foreign = other.function(I64_TO_I64, other.install(TestCode.sum()).address(0), 0);
            assertThrows(IllegalArgumentException.class, () -> context.callRegisters(foreign, 3, 0, 0, 0));
        }
        assertEquals(6, context.callRegisters(sum, 3, 0, 0, 0));
        ExecutionContext closed = new ExecutionContext(arena);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.callRegisters(sum, 3, 0, 0, 0));
        CodeArena gone = CodeArena.open();
        gone.close();
        assertThrows(IllegalStateException.class, () -> gone.function(I64_TO_I64, sumCode, 0));
    }
}
