package dev.kiln.internal.compiler.ssa;

import static dev.kiln.internal.compiler.ssa.Type.I32;
import static dev.kiln.internal.compiler.ssa.Type.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.TrapKind;
import dev.kiln.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Building functions the way the frontend will: explicit block parameters, and variables turned
 * into SSA values with sealing. Each result is verified and compared with a golden text in
 * {@code ssa/builder}.
 */
class BuilderTest {

    private static final Signature SUM = new Signature(List.of(I64, I64, I32), List.of(I32));

    private static void check(String golden, Builder builder) {
        Function f = builder.finish();
        assertEquals(List.of(), Verifier.verify(f));
        Golden.check("ssa/builder/" + golden, Printer.print(f));
    }

    /** n + (n-1) + ... + 1 with the loop's state in explicit block parameters. */
    @Test
    void aLoopWithBlockParameters() {
        Builder b = new Builder("sum", SUM);
        int n = b.entry().param(2);
        Block loop = b.createBlock();
        int i = b.appendParam(loop, I32);
        int acc = b.appendParam(loop, I32);
        Block body = b.createBlock();
        Block exit = b.createBlock();
        int result = b.appendParam(exit, I32);

        int zero = b.iconst(I32, 0);
        b.jump(loop, n, zero);

        b.switchTo(loop);
        int done = b.icmp(IntCondition.EQ, i, zero);
        b.brIf(done, exit, new int[] {acc}, body, new int[0]);
        b.seal(body);
        b.seal(exit);

        b.switchTo(body);
        int sum = b.binary(Opcode.IADD, acc, i);
        int next = b.binary(Opcode.ISUB, i, b.iconst(I32, 1));
        assertEquals(I32, b.function().type(next), "a binary operation has its operands' type");
        b.jump(loop, next, sum);
        b.seal(loop);

        b.switchTo(exit);
        b.ret(result);
        check("loop.ssa", b);
    }

    /**
     * The same loop as WebAssembly writes it: the counter is the loop's parameter, the sum and the
     * step are locals. Reading the locals in the body, before the back edge exists, gives the
     * loop header a parameter for each; sealing the header passes them from both predecessors.
     * The step never changes, so its parameter is redundant (the body passes the parameter
     * itself): it stays for the redundant-parameter pass.
     */
    @Test
    void variablesThroughALoop() {
        Builder b = new Builder("sum", SUM);
        Variable total = b.declareVariable(I32);
        Variable step = b.declareVariable(I32);
        b.define(total, b.iconst(I32, 0));
        b.define(step, b.iconst(I32, 1));
        Block loop = b.createBlock();
        int counter = b.appendParam(loop, I32);
        Block body = b.createBlock();
        Block exit = b.createBlock();
        b.jump(loop, b.entry().param(2));

        b.switchTo(loop);
        int done = b.icmp(IntCondition.EQ, counter, b.iconst(I32, 0));
        b.brIf(done, exit, new int[0], body, new int[0]);
        b.seal(body);
        b.seal(exit);

        b.switchTo(body);
        b.define(total, b.binary(Opcode.IADD, b.use(total), counter));
        int next = b.binary(Opcode.ISUB, counter, b.use(step));
        b.jump(loop, next);
        b.seal(loop);

        b.switchTo(exit);
        b.ret(b.use(total));
        check("variables.ssa", b);
    }

    /**
     * An if/else: a variable set in both arms becomes a parameter of the join; one set in
     * neither is looked up through the sealed join's two predecessors, which gives it a
     * (redundant) parameter too; a value used within one arm needs none.
     */
    @Test
    void variablesThroughADiamond() {
        Builder b = new Builder("pick", SUM);
        Variable x = b.declareVariable(I32);
        Variable unchanged = b.declareVariable(I32);
        int n = b.entry().param(2);
        b.define(unchanged, n);
        Block then = b.createBlock();
        Block otherwise = b.createBlock();
        Block join = b.createBlock();
        b.brIf(n, then, new int[0], otherwise, new int[0]);
        b.seal(then);
        b.seal(otherwise);

        b.switchTo(then);
        b.define(x, b.binary(Opcode.IMUL, b.use(unchanged), n));
        b.jump(join);
        b.switchTo(otherwise);
        b.define(x, b.iconst(I32, 7));
        b.jump(join);
        b.seal(join);

        b.switchTo(join);
        b.ret(b.binary(Opcode.IADD, b.use(x), b.use(unchanged)));
        check("diamond.ssa", b);
    }

    /** Lookups walk single predecessors in a loop: 20,000 blocks deep needs no Java stack. */
    @Test
    void aDeepChainOfBlocks() {
        Builder b = new Builder("deep", SUM);
        Variable x = b.declareVariable(I32);
        int n = b.entry().param(2);
        b.define(x, n);
        for (int i = 0; i < 20_000; i++) {
            Block next = b.createBlock();
            b.jump(next);
            b.seal(next);
            b.switchTo(next);
        }
        assertEquals(n, b.use(x), "the entry's value, with no parameter on the way");
        b.ret(b.use(x));
        Function f = b.finish();
        assertEquals(List.of(), Verifier.verify(f));
        for (Block block : f.blocks().subList(1, f.blocks().size())) {
            assertEquals(0, block.paramCount());
        }
    }

    @Test
    void misuseIsRefused() {
        Builder b = new Builder("f", SUM);
        Variable x = b.declareVariable(I32);
        Block target = b.createBlock();
        b.appendParam(target, I32);
        int n = b.entry().param(2);

        assertThrows(IllegalArgumentException.class, () -> b.define(x, b.entry().param(0)), "an i64 into an i32 variable");
        assertThrows(IllegalStateException.class, () -> b.use(x), "no definition reaches the use");
        assertThrows(IllegalArgumentException.class, () -> b.jump(target), "target takes one argument");
        assertThrows(IllegalArgumentException.class, () -> b.binary(Opcode.ICMP, n, n), "icmp is not a binary form");
        assertThrows(IllegalStateException.class, () -> b.jump(b.entry()), "the entry is sealed");

        b.jump(target, n);
        assertNull(b.current(), "a terminator ends the current block");
        assertThrows(IllegalStateException.class, () -> b.iconst(I32, 1), "the block is terminated");
        assertThrows(IllegalStateException.class, () -> b.switchTo(b.entry()), "the entry is terminated");
        assertThrows(IllegalStateException.class, () -> b.appendParam(target, I32), "target has a predecessor");
        assertThrows(IllegalStateException.class, b::finish, "target is not sealed");
        b.seal(target);
        assertThrows(IllegalStateException.class, () -> b.seal(target), "sealed twice");
        b.switchTo(target);
        b.trap(TrapKind.UNREACHABLE);
        assertEquals(List.of(), Verifier.verify(b.finish()));
    }
}
