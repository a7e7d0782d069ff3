package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrapTest {

    @Test
    void everyTrapExitBecomesATrapExceptionOfItsKindAndTheNextCallWorks() {
        try (CodeArena arena = CodeArena.open(); ExecutionContext context = new ExecutionContext(arena)) {
            FunctionType add = new FunctionType(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
            long addCode = arena.install(TestCode.add32()).address(0);
            int traps = 0;
            for (ExitCode code : ExitCode.values()) {
                if (code.trap() == null) {
                    continue;
                }
                long f = arena.install(TestCode.trap(code)).address(0);
                TrapException t = assertThrows(TrapException.class,
                        () -> context.call(arena.entryStub(FunctionType.EMPTY), f, 0, new long[0]));
                assertEquals(code.trap(), t.kind());
                assertEquals(code.trap().message(), t.getMessage());
                long[] v = {traps, 100};
                context.call(arena.entryStub(add), addCode, 0, v);
                assertEquals(traps + 100, v[0]);
                traps++;
            }
            assertEquals(9, traps);
        }
    }

    @Test
    void reservedExitCodesAreRefusedNotServed() {
        // Nothing emits them yet; if something does, the loop says so instead of guessing.
        try (CodeArena arena = CodeArena.open(); ExecutionContext context = new ExecutionContext(arena)) {
            var a = new dev.kiln.internal.compiler.amd64.Assembler();
            var rax = dev.kiln.internal.compiler.amd64.Gpr.RAX;
            a.mov(dev.kiln.internal.compiler.amd64.Width.W32,
                    dev.kiln.internal.compiler.amd64.Mem.of(rax, ContextLayout.EXIT_CODE),
                    new dev.kiln.internal.compiler.amd64.Imm(ExitCode.MEMORY_GROW.code()));
            Exits.returnToJava(a, rax);
            long f = arena.install(a.finish()).address(0);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> context.call(arena.entryStub(FunctionType.EMPTY), f, 0, new long[0]));
            assertTrue(e.getMessage().contains("64"), e.getMessage());
        }
    }

    @Test
    void misuseIsAnExceptionNotACrash() throws Exception {
        try (CodeArena arena = CodeArena.open()) {
            FunctionType add = new FunctionType(List.of(ValueType.I32, ValueType.I32), List.of(ValueType.I32));
            long addCode = arena.install(TestCode.add32()).address(0);
            ExecutionContext context = new ExecutionContext(arena);
            assertThrows(IllegalArgumentException.class,
                    () -> context.call(arena.entryStub(add), addCode, 0, new long[1]));
            Throwable[] fromOtherThread = new Throwable[1];
            Thread other = new Thread(() -> {
                try {
                    context.call(arena.entryStub(add), addCode, 0, new long[2]);
                } catch (Throwable t) {
                    fromOtherThread[0] = t;
                }
            });
            other.start();
            other.join();
            assertTrue(fromOtherThread[0] instanceof WrongThreadException, String.valueOf(fromOtherThread[0]));
            context.close();
            assertThrows(IllegalStateException.class, () -> context.call(arena.entryStub(add), addCode, 0, new long[2]));
        }
    }

    @Test
    void codeOfAnotherArenaIsRefused() {
        FunctionType i64 = new FunctionType(List.of(ValueType.I64), List.of(ValueType.I64));
        try (CodeArena mine = CodeArena.open(); CodeArena other = CodeArena.open();
                ExecutionContext context = new ExecutionContext(mine)) {
            // Another arena's entry stub: that arena is not pinned open by this context.
            assertThrows(IllegalArgumentException.class,
                    () -> context.call(other.entryStub(i64), 0, 0, new long[1]));
            // Signature ids are the JVM-wide type ids: a trampoline of another signature, even
            // another arena's, cannot pass the host check of this arena's function.
            FunctionType i32 = new FunctionType(List.of(ValueType.I32), List.of(ValueType.I32));
            int id = mine.registerHostFunction(i64, (caller, stack) -> { });
            long f = mine.install(TestCode.twiceHostPlusOne(other.hostTrampoline(i32), id)).address(0);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> context.call(mine.entryStub(i64), f, 0, new long[1]));
            assertTrue(e.getMessage().contains("of type"), e.getMessage());
        }
    }
}
