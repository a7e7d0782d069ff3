package dev.kiln.internal.compiler.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ValueType;
import dev.kiln.internal.binary.ModuleDecoder;
import dev.kiln.internal.compiler.pass.LoopNesting;
import dev.kiln.internal.compiler.pass.Pipeline;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Printer;
import dev.kiln.internal.compiler.ssa.Verifier;
import dev.kiln.internal.validate.Validator;
import dev.kiln.internal.wasm.Module;
import dev.kiln.testing.Instructions;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Shapes that would break a recursive or per-local frontend: 10,000 nested blocks, loops and ifs,
 * and 50,000 locals. Each is lowered, verified and printed on a thread with a 256 KiB stack, so
 * anything that recursed once per nesting level would overflow; the IR's size is checked to be
 * linear in the body.
 */
class HostileShapesTest {

    private static final int DEPTH = 10_000;
    private static final int LOCALS = 50_000;

    /** Decodes the module as a real binary (the decoder's limits apply), validates and lowers function 0. */
    private static Function lowerOnSmallStack(TestModule test) throws InterruptedException {
        return lowerOnSmallStack(test, false);
    }

    /** The same, then (if {@code optimize}) the pass pipeline, verified after. */
    private static Function lowerOnSmallStack(TestModule test, boolean optimize) throws InterruptedException {
        Module module = ModuleDecoder.decode(test.encode());
        Validator.validate(module);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                Function f = new Frontend(module).lower(0);
                assertEquals(List.of(), Verifier.verify(f));
                if (optimize) {
                    Pipeline.run(f);
                    assertEquals(List.of(), Verifier.verify(f));
                    new LoopNesting(f).print();
                }
                Printer.print(f);
                outcome.set(f);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        if (outcome.get() instanceof Throwable t) {
            throw new AssertionError(t);
        }
        return (Function) outcome.get();
    }

    private static int instructions(Block block) {
        int n = 0;
        for (Instruction i = block.first(); i != null; i = i.next()) {
            n++;
        }
        return n;
    }

    @Test
    void tenThousandNestedBlocksLoopsAndIfsLowerWithoutRecursion() throws InterruptedException {
        Function lowered = lowerOnSmallStack(deepNest());
        // The entry; per block level a br_if continuation and the follow; per loop its header and
        // a continuation; per if its two arms and the follow.
        int blocks = 1 + 2 * levels(0) + 2 * levels(1) + 3 * levels(2);
        assertEquals(blocks, lowered.blocks().size());
    }

    /**
     * The passes walk the same nest without recursion too (dominator tree 10,000 deep, loops
     * nested 3,333 deep), and pay: every loop header's parameter for local 0, which no loop
     * writes, is redundant, so the optimized function has fewer parameters than there are levels.
     */
    @Test
    void thePipelineTakesTheNestWithoutRecursion() throws InterruptedException {
        Function lowered = lowerOnSmallStack(deepNest());
        Function optimized = lowerOnSmallStack(deepNest(), true);
        assertTrue(params(optimized) < params(lowered) - levels(1), params(optimized) + " parameters of " + params(lowered));
    }

    private static int params(Function f) {
        int n = 0;
        for (Block b : f.blocks()) {
            n += b.paramCount();
        }
        return n;
    }

    private static TestModule deepNest() {
        // Level k opens a block, a loop or an if (k mod 3) that yields an i32; inside, the innermost
        // value is local 0, and on the way out each level branches to itself with the value and
        // adds one to local 1, which is read at the end: every join and header sees both.
        List<String> open = new ArrayList<>();
        List<String> close = new ArrayList<>();
        for (int k = 0; k < DEPTH; k++) {
            switch (k % 3) {
                case 0 -> {
                    open.add("block i32");
                    close.add("local.get 1 i32.const 1 i32.add local.set 1 local.get 0 br_if 0 end");
                }
                case 1 -> {
                    open.add("loop i32");
                    close.add("local.get 1 i32.const 1 i32.add local.tee 1 i32.const 0 i32.lt_s br_if 0 end");
                }
                default -> {
                    open.add("local.get 0 if i32");
                    close.add("else i32.const 7 end");
                }
            }
        }
        Collections.reverse(close);
        String body = String.join(" ", open) + " local.get 0 " + String.join(" ", close) + " local.get 1 i32.add";
        TestModule deep = new TestModule();
        deep.function(deep.type(List.of(ValueType.I32), List.of(ValueType.I32)), List.of(ValueType.I32),
                Instructions.parse(body));
        return deep;
    }

    /** How many of the nesting levels are of kind {@code k} (0 block, 1 loop, 2 if). */
    private static int levels(int k) {
        return (DEPTH - k + 2) / 3;
    }

    @Test
    void fiftyThousandLocalsCostOneConstantPerTypeAndAParameterOnlyPerUsedLocal() throws InterruptedException {
        List<ValueType> locals = new ArrayList<>();
        ValueType[] types = {ValueType.I32, ValueType.I64, ValueType.F32, ValueType.F64};
        for (int i = 0; i < LOCALS; i++) {
            locals.add(types[i % 4]);
        }
        int last = LOCALS - 4; // an i32, like local 0
        TestModule m = new TestModule();
        m.function(m.type(List.of(), List.of(ValueType.I32)), locals, Instructions.parse(
                "loop local.get " + last + " i32.const 1 i32.add local.tee " + last + " local.get 0 i32.add local.set 0 "
                        + "local.get 0 i32.const 100 i32.lt_u br_if 0 end local.get " + last));
        Function f = lowerOnSmallStack(m);
        Block entry = f.entry();
        assertEquals(5, instructions(entry), "four zero constants and the jump: " + Printer.print(f).lines().limit(8).toList());
        Block header = entry.last().target(0);
        assertEquals(2, header.paramCount(), "only the two locals the loop uses get a parameter");
        assertEquals(Opcode.JUMP, entry.last().opcode());
    }

    @Test
    void aLoopReadingAllFiftyThousandLocalsGetsOneParameterEach() throws InterruptedException {
        List<ValueType> locals = new ArrayList<>(Collections.nCopies(LOCALS, ValueType.I64));
        StringBuilder body = new StringBuilder("loop ");
        for (int i = 0; i < LOCALS; i++) {
            body.append("local.get ").append(i).append(" drop ");
        }
        body.append("i32.const 0 br_if 0 end");
        TestModule m = new TestModule();
        m.function(m.type(List.of(), List.of()), locals, Instructions.parse(body.toString()));
        Function f = lowerOnSmallStack(m);
        Block header = f.entry().last().target(0);
        assertEquals(LOCALS, header.paramCount());
        assertEquals(3, f.blocks().size());

        // None of them is written in the loop: the pipeline finds all 50,000 redundant, and then
        // the loop, reading nothing, is a header and an exit with no parameters or instructions
        // but the branches.
        Function optimized = lowerOnSmallStack(m, true);
        assertEquals(0, params(optimized) - optimized.entry().paramCount());
        assertEquals(3, optimized.blocks().size());
    }
}
