package dev.kiln.internal.nativecode;

import static dev.kiln.ValueType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.WasmStackFrame;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Traps in native code carry the Wasm frames on the native stack, read along the RBP chain. */
class StackTraceTest {

    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(I64), List.of(I64));
    private static final WasmStackFrame OUTER = frame(0, "outer");
    private static final WasmStackFrame MIDDLE = frame(1, "middle");
    private static final WasmStackFrame INNER = frame(2, "inner");
    private static final WasmStackFrame COUNTDOWN = frame(3, "countdown");

    private final CodeArena arena = CodeArena.open();

    @AfterEach
    void close() {
        arena.close();
    }

    @Test
    void aTrapListsEveryDescribedFunctionInnermostFirst() {
        CodeBlock inner = arena.install(TestCode.trap(ExitCode.TRAP_UNREACHABLE));
        CodeBlock middle = forwarderTo(inner);
        CodeBlock outer = forwarderTo(middle);
        describe(inner, INNER);
        describe(middle, MIDDLE);
        describe(outer, OUTER);
        assertEquals(List.of(INNER, MIDDLE, OUTER), trapOf(outer, TrapKind.UNREACHABLE));
    }

    @Test
    void codeNobodyDescribedIsLeftOut() {
        CodeBlock inner = arena.install(TestCode.trap(ExitCode.TRAP_INTEGER_OVERFLOW));
        CodeBlock middle = forwarderTo(inner);
        CodeBlock outer = forwarderTo(middle);
        assertEquals(List.of(), trapOf(outer, TrapKind.INTEGER_OVERFLOW));
        describe(outer, OUTER);
        describe(inner, INNER);
        assertEquals(List.of(INNER, OUTER), trapOf(outer, TrapKind.INTEGER_OVERFLOW));
    }

    @Test
    void theTraceFollowsTheFramesAfterTheStackHasMoved() {
        CodeBlock countdown = arena.install(countdown());
        describe(countdown, COUNTDOWN);
        try (ExecutionContext context = new ExecutionContext(arena, 64 * 1024, 64L << 20)) {
            long[] v = {10_000};
            TrapException t = assertThrows(TrapException.class,
                    () -> context.call(arena.entryStub(I64_TO_I64), countdown.address(0), 0, v));
            assertEquals(TrapKind.UNREACHABLE, t.kind());
            assertTrue(context.stackGrowths() > 0, "10,000 frames of 32 bytes outgrow a 64 KiB stack");
            assertEquals(10_001, t.wasmStackTrace().size());
            assertTrue(t.wasmStackTrace().stream().allMatch(COUNTDOWN::equals));
        }
    }

    @Test
    void aStackOverflowListsTheFramesOnTheStackUpToTheLimit() {
        CodeBlock countdown = arena.install(countdown());
        describe(countdown, COUNTDOWN);
        for (long maxStack : new long[] {1L << 20, 8L << 20}) {
            try (ExecutionContext context = new ExecutionContext(arena, 64 * 1024, maxStack)) {
                long[] v = {Long.MAX_VALUE};
                TrapException t = assertThrows(TrapException.class,
                        () -> context.call(arena.entryStub(I64_TO_I64), countdown.address(0), 0, v));
                assertEquals(TrapKind.STACK_OVERFLOW, t.kind());
                List<WasmStackFrame> trace = t.wasmStackTrace();
                assertTrue(trace.stream().allMatch(COUNTDOWN::equals));
                // 32 bytes a frame: a 1 MiB ceiling holds about 32,768 of them, 8 MiB more than the limit.
                long onTheStack = maxStack / 32;
                long expected = Math.min(onTheStack, NativeStackTrace.MAX_FRAMES);
                assertTrue(trace.size() <= expected && trace.size() > expected - 64,
                        trace.size() + " frames for a ceiling of " + maxStack);
            }
        }
    }

    @Test
    void theTraceCrossesHostFunctionsThatCalledNativeCodeAgain() {
        CodeBlock inner = arena.install(TestCode.trap(ExitCode.TRAP_INTEGER_DIVIDE_BY_ZERO));
        describe(inner, INNER);
        try (ExecutionContext context = new ExecutionContext(arena)) {
            int id = arena.registerHostFunction(I64_TO_I64,
                    (caller, stack) -> context.call(arena.entryStub(FunctionType.EMPTY), inner.address(0), 0, new long[0]));
            CodeBlock outer = arena.install(TestCode.twiceHostPlusOne(arena.hostTrampoline(I64_TO_I64), id));
            describe(outer, OUTER);
            TrapException t = assertThrows(TrapException.class,
                    () -> context.call(arena.entryStub(I64_TO_I64), outer.address(0), 0, new long[] {1}));
            assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
            assertEquals(List.of(INNER, OUTER), t.wasmStackTrace());
        }
    }

    @Test
    void aCorruptChainEndsTheTraceInsteadOfFailing() {
        for (long link : new long[] {0x1234, -8, 1}) {
            CodeBlock corrupt = arena.install(trapWithSavedRbp(link));
            describe(corrupt, frame(10, "corrupt " + link));
            CodeBlock middle = forwarderTo(corrupt);
            describe(middle, MIDDLE);
            CodeBlock outer = forwarderTo(middle);
            describe(outer, OUTER);
            // corrupt's return address still names middle; the link to middle's frame is what broke.
            assertEquals(List.of(frame(10, "corrupt " + link), MIDDLE), trapOf(outer, TrapKind.UNREACHABLE));
        }
    }

    @Test
    void describingCodeIsChecked() {
        CodeBlock block = arena.install(TestCode.add32());
        arena.describeFunction(block, 0, 4, OUTER);
        assertThrows(IllegalArgumentException.class, () -> arena.describeFunction(block, 3, 1, INNER));
        assertThrows(IllegalArgumentException.class, () -> arena.describeFunction(block, 0, block.length() + 1, INNER));
        assertThrows(IllegalArgumentException.class, () -> arena.describeFunction(block, -1, 2, INNER));
        assertThrows(IllegalArgumentException.class, () -> arena.describeFunction(block, 4, 0, INNER));
        arena.describeFunction(block, 4, block.length() - 4, INNER);
        try (CodeArena other = CodeArena.open()) {
            CodeBlock foreign = other.install(TestCode.add32());
            assertThrows(IllegalArgumentException.class, () -> arena.describeFunction(foreign, 0, 1, INNER));
        }
        assertEquals(OUTER, arena.frames().frameAt(block.address(3)));
        assertEquals(INNER, arena.frames().frameAt(block.address(4)));
        assertEquals(null, arena.frames().frameAt(block.address(0) + block.length()));
    }

    private static WasmStackFrame frame(int index, String name) {
        return new WasmStackFrame("m", index, name, -1);
    }

    private void describe(CodeBlock block, WasmStackFrame frame) {
        arena.describeFunction(block, 0, block.length(), frame);
    }

    private CodeBlock forwarderTo(CodeBlock callee) {
        return arena.install(TestCode.forwarder(new CallLayout(FunctionType.EMPTY), callee.address(0), 0));
    }

    /** Calls {@code () -> ()} code, which must trap with {@code kind}; its Wasm stack trace. */
    private List<WasmStackFrame> trapOf(CodeBlock code, TrapKind kind) {
        try (ExecutionContext context = new ExecutionContext(arena)) {
            TrapException t = assertThrows(TrapException.class,
                    () -> context.call(arena.entryStub(FunctionType.EMPTY), code.address(0), 0, new long[0]));
            assertEquals(kind, t.kind());
            return t.wasmStackTrace();
        }
    }

    /**
     * {@code (i64) -> i64}: calls itself with {@code n - 1} until {@code n} is 0, then traps
     * (unreachable); 32 bytes of stack a level (return address, RBP, 16 more kept aligned).
     *
     * <pre>
     *   countdown: push rbp; mov rbp, rsp; stack check (24)
     *              test rcx, rcx; jz trap
     *              sub rsp, 16; sub rcx, 1; call countdown
     *              mov rsp, rbp; pop rbp; ret
     *   trap:      exit TRAP_UNREACHABLE
     * </pre>
     */
    private static byte[] countdown() {
        Assembler a = new Assembler();
        Label self = a.newLabel();
        Label trap = a.newLabel();
        a.bind(self);
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, 24); // 16 bytes, then the call's return address
        a.test(Width.W64, Gpr.RCX, Gpr.RCX);
        a.jcc(Condition.E, trap);
        a.alu(AluOp.SUB, Width.W64, Gpr.RSP, new Imm(16));
        a.alu(AluOp.SUB, Width.W64, Gpr.RCX, new Imm(1));
        a.call(self);
        a.mov(Width.W64, Gpr.RSP, Gpr.RBP);
        a.pop(Gpr.RBP);
        a.ret();
        a.bind(trap);
        Exits.trap(a, Gpr.RAX, ExitCode.TRAP_UNREACHABLE);
        return a.finish();
    }

    /**
     * {@code () -> ()} that overwrites its own saved RBP with {@code link} (as a buggy or hostile
     * function could), relative to RBP when {@code link} is negative, then traps.
     */
    private static byte[] trapWithSavedRbp(long link) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        if (link < 0) {
            a.lea(Gpr.R11, Mem.of(Gpr.RBP, (int) link));
        } else {
            a.mov(Width.W64, Gpr.R11, new Imm(link));
        }
        a.mov(Width.W64, Mem.of(Gpr.RBP, 0), Gpr.R11);
        Exits.trap(a, Gpr.RAX, ExitCode.TRAP_UNREACHABLE);
        return a.finish();
    }
}
