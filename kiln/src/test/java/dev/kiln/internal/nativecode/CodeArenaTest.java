package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Width;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Executable memory: W^X at every stage, calls, and the lifetime rules. */
class CodeArenaTest {

    private static final FunctionDescriptor INT_INT_TO_INT =
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    /** SysV {@code int add(int, int)}. */
    private static byte[] sysvAdd() {
        Assembler a = new Assembler();
        a.mov(Width.W32, Gpr.RAX, Gpr.RDI);
        a.alu(AluOp.ADD, Width.W32, Gpr.RAX, Gpr.RSI);
        a.ret();
        return a.finish();
    }

    @Test
    void pagesAreWritableThenExecutableNeverBoth() throws Throwable {
        CodeArena arena = CodeArena.open();
        byte[] code = sysvAdd();
        MemorySegment staged = arena.stage(code);
        assertEquals("rw-p", permissions(staged.address()));
        CodeBlock block = arena.seal(staged, code.length, null);
        assertEquals("r-xp", permissions(block.address(0)));
        assertEquals(42, (int) block.downcall(0, INT_INT_TO_INT).invokeExact(40, 2));
        long address = block.address(0);
        arena.close();
        String after = permissions(address);
        assertTrue(after == null || !after.contains("x"), "still executable after close: " + after);
    }

    @Test
    void everyInstalledMappingIsWriteXorExecute() throws IOException {
        try (CodeArena arena = CodeArena.open()) {
            for (int i = 0; i < 5; i++) {
                String perms = permissions(arena.install(sysvAdd()).address(0));
                assertEquals("r-xp", perms);
            }
        }
    }

    /** A raw address becomes a jump target only if it lies inside code the arena installed. */
    @Test
    void onlyAddressesInsideInstalledCodeAreCallable() {
        FunctionType add = TestCode.type(TestCode.types(ValueType.I32, ValueType.I32), TestCode.types(ValueType.I32));
        try (CodeArena arena = CodeArena.open(); CodeArena other = CodeArena.open();
                Arena data = Arena.ofConfined()) {
            CodeBlock block = arena.install(TestCode.add32());
            long foreign = other.install(TestCode.add32()).address(0);
            long[] outside = {0, 8, data.allocate(64).address(), foreign, block.address(0) - 1,
                    block.address(0) + block.length()};
            try (ExecutionContext context = new ExecutionContext(arena)) {
                EntryStub entry = arena.entryStub(add);
                for (long target : outside) {
                    String hex = "0x" + Long.toHexString(target);
                    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                            () -> context.call(entry, target, 0, new long[] {1, 2}), hex);
                    assertEquals(hex + " is not code of this arena", refused.getMessage());
                    assertThrows(IllegalArgumentException.class, () -> arena.function(add, target, 0), hex);
                }
                long[] v = {1, 2};
                context.call(entry, block.address(0), 0, v);
                assertEquals(3, v[0], "the block's own address still runs, after the refusals");
                assertEquals(7, context.callRegisters(arena.function(add, block.address(0), 0), 3, 4, 0, 0));
            }
        }
    }

    @Test
    void useAfterCloseIsAnException() throws Throwable {
        CodeArena arena = CodeArena.open();
        CodeBlock block = arena.install(sysvAdd());
        MethodHandle add = block.downcall(0, INT_INT_TO_INT);
        arena.close();
        assertFalse(arena.isOpen());
        assertThrows(IllegalStateException.class, () -> { int ignored = (int) add.invokeExact(1, 2); });
        assertThrows(IllegalStateException.class, () -> block.address(0));
        assertThrows(IllegalStateException.class, () -> arena.install(sysvAdd()));
        assertThrows(IllegalStateException.class, () -> new ExecutionContext(arena));
        assertThrows(IllegalStateException.class, arena::close);
        assertThrows(IndexOutOfBoundsException.class, () -> block.address(block.length()));
    }

    @Test
    void anArenaDoesNotCloseUnderRunningCode() throws Exception {
        Assembler a = new Assembler();
        Label loop = a.newLabel();
        a.mov(Width.W64, Gpr.RCX, new Imm(1L << 31));
        a.bind(loop);
        a.alu(AluOp.SUB, Width.W64, Gpr.RCX, new Imm(1));
        a.jcc(Condition.NE, loop);
        a.alu(AluOp.XOR, Width.W32, Gpr.RAX, Gpr.RAX);
        a.ret();
        CodeArena arena = CodeArena.open();
        MethodHandle spin = arena.install(a.finish()).downcall(0, FunctionDescriptor.of(ValueLayout.JAVA_INT));
        CountDownLatch started = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread runner = new Thread(() -> {
            started.countDown();
            try {
                int ignored = (int) spin.invokeExact();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        runner.start();
        started.await();
        Thread.sleep(50);
        if (runner.isAlive()) {
            assertThrows(IllegalStateException.class, arena::close, "closed while code ran");
        }
        runner.join();
        assertEquals(null, failure[0]);
        arena.close();
    }

    @Test
    void anArenaDoesNotCloseWhileAContextIsOpen() {
        CodeArena arena = CodeArena.open();
        ExecutionContext context = new ExecutionContext(arena);
        assertThrows(IllegalStateException.class, arena::close);
        assertTrue(arena.isOpen());
        context.close();
        context.close(); // idempotent
        arena.close();
        assertFalse(arena.isOpen());
    }

    /** The permissions column of /proc/self/maps for the mapping holding {@code address}, or null. */
    static String permissions(long address) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] fields = line.split("\\s+");
            String[] range = fields[0].split("-");
            long start = Long.parseUnsignedLong(range[0], 16);
            long end = Long.parseUnsignedLong(range[1], 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                return fields[1];
            }
        }
        return null;
    }
}
