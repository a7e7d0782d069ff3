package dev.kiln.internal.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.nativecode.Abi;
import dev.kiln.internal.nativecode.CallLayout;
import dev.kiln.internal.nativecode.CodeArena;
import dev.kiln.internal.nativecode.ExecutionContext;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.nativecode.Exits;
import dev.kiln.internal.nativecode.StackGrowth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compiler's packages can emit a whole function under Kiln's ABI with only the public
 * parts of {@code internal.nativecode}: where parameters and results live, the stack check, a
 * trap exit.
 */
class AbiAccessTest {

    private static final FunctionType I64_TO_I64 = new FunctionType(List.of(ValueType.I64), List.of(ValueType.I64));

    @Test
    void aFunctionEmittedFromTheCompilerPackageRunsAndTraps() {
        CallLayout layout = new CallLayout(I64_TO_I64);
        Gpr param = (Gpr) layout.params.getFirst().register();
        Gpr result = (Gpr) layout.results.getFirst().register();
        assertEquals(Abi.INT_PARAMS.getFirst(), param);
        assertEquals(Abi.INT_RESULTS.getFirst(), result);

        // f(x) = x == 0 ? trap(unreachable) : x + 1
        Assembler a = new Assembler();
        Label zero = a.newLabel();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, 64);
        a.test(Width.W64, param, param);
        a.jcc(Condition.E, zero);
        a.mov(Width.W64, result, param);
        a.alu(AluOp.ADD, Width.W64, result, new Imm(1));
        a.pop(Gpr.RBP);
        a.ret();
        a.bind(zero);
        Exits.trap(a, Abi.EXEC_CTX, ExitCode.forTrap(TrapKind.UNREACHABLE));

        try (CodeArena arena = CodeArena.open(); ExecutionContext context = new ExecutionContext(arena)) {
            long f = arena.install(a.finish()).address(0);
            long[] v = {41};
            context.call(arena.entryStub(I64_TO_I64), f, 0, v);
            assertEquals(42, v[0]);
            TrapException trap = assertThrows(TrapException.class,
                    () -> context.call(arena.entryStub(I64_TO_I64), f, 0, new long[] {0}));
            assertEquals(TrapKind.UNREACHABLE, trap.kind());
        }
    }
}
