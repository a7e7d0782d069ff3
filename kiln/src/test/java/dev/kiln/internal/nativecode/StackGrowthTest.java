package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A recursive native function that outgrows its stack, and one that outgrows the ceiling. */
class StackGrowthTest {

    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(I64), List.of(I64));

    @Test
    void recursionAMillionDeepGrowsTheStackSeveralTimes() {
        try (CodeArena arena = CodeArena.open();
                ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 256L << 20)) {
            long sum = arena.install(TestCode.sum()).address(0);
            long[] v = {1_000_000};
            context.call(arena.entryStub(I64_TO_I64), sum, 0, v);
            assertEquals(500_000_500_000L, v[0]);
            assertTrue(context.stackGrowths() >= 3, "grew " + context.stackGrowths() + " times");
            assertTrue(context.stackSize() >= 32_000_000, "32 bytes a level");
            // The grown stack stays: the same depth again needs no growth.
            int growths = context.stackGrowths();
            v[0] = 1_000_000;
            context.call(arena.entryStub(I64_TO_I64), sum, 0, v);
            assertEquals(500_000_500_000L, v[0]);
            assertEquals(growths, context.stackGrowths());
        }
    }

    @Test
    void pastTheCeilingTheSameCallTrapsAndTheContextStaysUsable() {
        try (CodeArena arena = CodeArena.open();
                ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 1 << 20)) {
            long sum = arena.install(TestCode.sum()).address(0);
            EntryStub entry = arena.entryStub(I64_TO_I64);
            for (int round = 0; round < 3; round++) {
                TrapException trap = assertThrows(TrapException.class,
                        () -> context.call(entry, sum, 0, new long[] {1_000_000}));
                assertEquals(TrapKind.STACK_OVERFLOW, trap.kind());
                long[] v = {1000};
                context.call(entry, sum, 0, v);
                assertEquals(500_500, v[0]);
            }
            assertTrue(context.stackSize() <= 1 << 20);
        }
    }

    /** A frame larger than the ceiling is a stack overflow, not a corrupt request. */
    @ParameterizedTest
    @ValueSource(ints = {(1 << 20) + 1, 64 << 20, Integer.MAX_VALUE})
    void aFrameLargerThanTheCeilingTrapsWithStackOverflow(int frameSize) {
        try (CodeArena arena = CodeArena.open();
                ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 1 << 20)) {
            long huge = arena.install(TestCode.frameOf(frameSize)).address(0);
            long fits = arena.install(TestCode.frameOf(512 * 1024)).address(0);
            EntryStub entry = arena.entryStub(FunctionType.EMPTY);
            TrapException trap = assertThrows(TrapException.class, () -> context.call(entry, huge, 0, new long[0]));
            assertEquals(TrapKind.STACK_OVERFLOW, trap.kind());
            context.call(entry, fits, 0, new long[0]);
            assertTrue(context.stackGrowths() >= 1, "the 512 KiB frame grew the 64 KiB stack");
        }
    }

    @Test
    void growthGivesBackEveryRegisterLiveAtAPrologue() {
        try (CodeArena arena = CodeArena.open();
                ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 64L << 20);
                Arena memory = Arena.ofConfined()) {
            MemorySegment in = memory.allocate(256, 16);
            MemorySegment out = memory.allocate(128 + 256, 16);
            for (int i = 0; i < 32; i++) {
                in.setAtIndex(ValueLayout.JAVA_LONG, i, 0x7766_5544_3322_1100L + i * 0x0102_0304_0506_0708L);
            }
            long f = arena.install(RegisterKeeper.code(in.address(), out.address(), 1 << 20)).address(0);
            context.call(arena.entryStub(FunctionType.EMPTY), f, 0, new long[0]);
            assertTrue(context.stackGrowths() >= 1, "the grower's prologue grew the stack");
            for (int j = 0; j < RegisterKeeper.GPRS.size(); j++) {
                assertEquals(RegisterKeeper.pattern(j), out.getAtIndex(ValueLayout.JAVA_LONG, j),
                        RegisterKeeper.GPRS.get(j).toString());
            }
            for (int i = 0; i < 32; i++) {
                assertEquals(in.getAtIndex(ValueLayout.JAVA_LONG, i), out.getAtIndex(ValueLayout.JAVA_LONG, 16 + i),
                        "xmm" + i / 2 + (i % 2 == 0 ? " low" : " high"));
            }
        }
    }
}
