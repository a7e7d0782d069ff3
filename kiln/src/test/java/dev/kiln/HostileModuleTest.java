package dev.kiln;

import static dev.kiln.testing.Instructions.block;
import static dev.kiln.testing.Instructions.end;
import static dev.kiln.testing.Instructions.i32;
import static dev.kiln.testing.Instructions.op;
import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.wasm.ExternalKind;
import dev.kiln.internal.wasm.Instruction;
import dev.kiln.internal.wasm.Op;
import dev.kiln.testing.TestModule;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile shapes end to end through {@link Runtime} on the compiler engine: each compiles and
 * gives the interpreter's answer, or is refused with a {@link CompileException}; never an
 * {@link OutOfMemoryError}, a {@link StackOverflowError} or a crash. The work runs on a thread
 * with a small stack, so recursion per nesting level or per function would show. Compile time
 * and peak heap are printed, not asserted.
 */
class HostileModuleTest {

    /** Far below the surefire JVM's -Xss4m: a walk that recursed per nesting level would overflow it. */
    private static final long SMALL_STACK = 256 * 1024;

    /** The decoder's limit on declared locals per function (FunctionBodyReader). */
    private static final int MAX_LOCALS = 50_000;

    private static final String COMPILED_CODE_PACKAGE = "dev.kiln.internal.compiler.engine";

    /** The decoder's limit exactly: 50,000 declared locals, every 1000th set and summed. */
    @Test
    void fiftyThousandLocals() throws Exception {
        agreeWithTheInterpreter("50,000 locals", manyLocals(MAX_LOCALS).encode(), 7);
    }

    @Test
    void oneLocalMoreIsRefusedWithTheLimit() {
        byte[] wasm = manyLocals(MAX_LOCALS + 1).encode();
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(EngineKind.COMPILER))) {
            CompileException e = assertThrows(CompileException.class, () -> runtime.compile(wasm));
            assertEquals(CompileException.Reason.LIMIT, e.reason());
            assertTrue(e.getMessage().contains("at most " + MAX_LOCALS + " per function"), e.getMessage());
        }
    }

    /** {@code run(x)}: local k = x + k for every 1000th of {@code declared} locals, then their sum. */
    private static TestModule manyLocals(int declared) {
        List<Instruction> body = new ArrayList<>();
        for (int k = 1; k <= declared; k += 1000) {
            Collections.addAll(body, op(Op.LOCAL_GET, 0), i32(k), op(Op.I32_ADD), op(Op.LOCAL_SET, k));
        }
        Collections.addAll(body, op(Op.LOCAL_GET, declared), i32(1), op(Op.I32_ADD), op(Op.LOCAL_SET, declared));
        body.add(op(Op.LOCAL_GET, declared));
        for (int k = 1; k <= declared; k += 1000) {
            Collections.addAll(body, op(Op.LOCAL_GET, k), op(Op.I32_ADD));
        }
        TestModule module = new TestModule();
        int f = module.function(module.type(sig("i32", "i32")), Collections.nCopies(declared, ValueType.I32),
                body.toArray(Instruction[]::new));
        module.export("run", ExternalKind.FUNCTION, f);
        return module;
    }

    /** Blocks, loops and ifs in turn, 10,000 deep; the innermost adds one and branches out of all. */
    @Test
    void tenThousandDeepNesting() throws Exception {
        int depth = 10_000;
        List<Instruction> body = new ArrayList<>();
        body.add(block(Op.BLOCK));
        for (int level = 1; level < depth; level++) {
            if (level % 3 == 2) {
                Collections.addAll(body, op(Op.LOCAL_GET, 0), block(Op.IF));
            } else {
                body.add(block(level % 3 == 1 ? Op.LOOP : Op.BLOCK));
            }
        }
        Collections.addAll(body, op(Op.LOCAL_GET, 0), i32(1), op(Op.I32_ADD), op(Op.LOCAL_SET, 0), op(Op.BR, depth - 1));
        for (int level = 0; level < depth; level++) {
            body.add(end());
        }
        body.add(op(Op.LOCAL_GET, 0));
        TestModule module = new TestModule();
        int f = module.function(module.type(sig("i32", "i32")), body.toArray(Instruction[]::new));
        module.export("run", ExternalKind.FUNCTION, f);
        agreeWithTheInterpreter("10,000-deep nesting", module.encode(), 41);
    }

    /** Straight-line code: 600,000 increments of a local, 4.2 MB of body. */
    @Test
    void aFourMegabyteBody() throws Exception {
        int increments = 600_000;
        Instruction[] body = new Instruction[increments * 4 + 1];
        for (int k = 0; k < increments; k++) {
            body[4 * k] = op(Op.LOCAL_GET, 0);
            body[4 * k + 1] = i32(k % 64);
            body[4 * k + 2] = op(Op.I32_ADD);
            body[4 * k + 3] = op(Op.LOCAL_SET, 0);
        }
        body[increments * 4] = op(Op.LOCAL_GET, 0);
        TestModule module = new TestModule();
        int f = module.function(module.type(sig("i32", "i32")), body);
        module.export("run", ExternalKind.FUNCTION, f);
        byte[] wasm = module.encode();
        assertFalse(wasm.length < 4_000_000, wasm.length + " bytes");
        agreeWithTheInterpreter("a 4 MB body (" + wasm.length + " bytes)", wasm, 3);
    }

    /** Function k returns its argument plus k; the last calls the first, and both are exported. */
    @Test
    void aHundredThousandFunctions() throws Exception {
        int count = 100_000;
        TestModule module = new TestModule();
        int type = module.type(sig("i32", "i32"));
        for (int k = 0; k < count - 1; k++) {
            module.function(type, op(Op.LOCAL_GET, 0), i32(k), op(Op.I32_ADD));
        }
        int last = module.function(type, op(Op.LOCAL_GET, 0), op(Op.CALL, 0), i32(count - 1), op(Op.I32_ADD));
        module.export("run", ExternalKind.FUNCTION, last);
        agreeWithTheInterpreter("100,000 functions", module.encode(), 5);
    }

    /** Compiles and calls {@code run(argument)} on both engines, on a small stack; the results agree. */
    private static void agreeWithTheInterpreter(String shape, byte[] wasm, int argument) throws Exception {
        long[] expected = onSmallStack(() -> compileAndRun(EngineKind.INTERPRETER, wasm, argument));
        assertNotNull(expected, "the interpreter, the reference, takes " + shape);
        resetPeakHeap();
        long start = System.nanoTime();
        long[] actual = onSmallStack(() -> compileAndRun(EngineKind.COMPILER, wasm, argument));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("hostile module, %s: compiled, instantiated and called on the compiler in %d ms,"
                + " heap pools' peak %d MiB (uncollected garbage included)%n", shape, millis, peakHeap() >> 20);
        assertArrayEquals(expected, actual, shape);
    }

    /**
     * The result of {@code run(argument)}, or {@code null} where the engine refused the module
     * with a CompileException (the refusal is printed: it must name the limit).
     */
    private static long[] compileAndRun(EngineKind engine, byte[] wasm, int argument) {
        try (Runtime runtime = Runtime.create(RuntimeConfig.defaults().withEngine(engine))) {
            CompiledModule compiled = runtime.compile(wasm);
            if (engine == EngineKind.COMPILER) {
                // the compiler hands what it refuses as UNSUPPORTED to its interpreter fallback
                assertEquals(COMPILED_CODE_PACKAGE, compiled.code().getClass().getPackageName(), "compiled to native code");
            }
            return runtime.instantiate(compiled).function("run").call(argument);
        } catch (CompileException e) {
            System.out.println("hostile module refused by the " + engine + ": " + e.getMessage());
            return null;
        }
    }

    private interface Work {
        long[] run();
    }

    /** Runs {@code work} on a new thread with {@link #SMALL_STACK}; whatever it throws is rethrown here. */
    private static long[] onSmallStack(Work work) throws Exception {
        AtomicReference<long[]> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.run());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "hostile-module", SMALL_STACK);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("failed on a " + (SMALL_STACK >> 10) + " KiB stack", failure.get());
        }
        return result.get();
    }

    private static void resetPeakHeap() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks: an upper bound of the peak heap in use. */
    private static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
