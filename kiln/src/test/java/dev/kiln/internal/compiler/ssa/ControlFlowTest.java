package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link ControlFlow#of} reuses the graph it built while only values change, and builds a new one
 * after each kind of change to the control flow, which then is the function's graph as a fresh
 * build sees it.
 */
class ControlFlowTest {

    private static final String LOOP = """
            function $f(i32) -> (i32) {
            b0(v0:i32):
                jump b1(v0)
            b1(v1:i32):
                v2:i32 = iconst 1
                v3:i32 = isub v1, v2
                brif v3, b1(v3), b2()
            b2():
                return v0
            }
            """;

    @Test
    void valuesChangingKeepTheGraph() {
        Function f = Parser.parse(LOOP);
        ControlFlow graph = ControlFlow.of(f);
        assertSame(graph, ControlFlow.of(f));
        Block b1 = f.blocks().get(1);
        Instruction constant = b1.first();
        b1.insertBefore(constant, Instruction.of(Opcode.ICONST, 7, new int[0], f.newValue(Type.I32)));
        b1.remove(b1.first());
        b1.terminator().setArgument(0, 0, 2);
        assertSame(graph, ControlFlow.of(f));
    }

    @Test
    void aRetargetedBranchMakesANewGraph() {
        changes(f -> f.blocks().get(1).terminator().setTarget(1, f.blocks().get(1), 2));
    }

    @Test
    void aReplacedTerminatorMakesANewGraph() {
        changes(f -> {
            Block b1 = f.blocks().get(1);
            b1.replace(b1.terminator(), Instruction.jump(f.blocks().get(2)));
        });
    }

    @Test
    void aTerminatorRemovedAndAppendedMakesANewGraph() {
        changes(f -> {
            Block b1 = f.blocks().get(1);
            b1.truncate(b1.terminator());
            b1.append(Instruction.jump(f.blocks().get(2)));
        });
    }

    @Test
    void aNewBlockMakesANewGraph() {
        changes(f -> f.newBlock().append(Instruction.jump(f.blocks().get(2))));
    }

    @Test
    void aNewLayoutMakesANewGraph() {
        changes(f -> f.setLayout(List.of(f.blocks().get(0), f.blocks().get(2), f.blocks().get(1))));
    }

    private static void changes(Consumer<Function> change) {
        Function f = Parser.parse(LOOP);
        ControlFlow before = ControlFlow.of(f);
        change.accept(f);
        ControlFlow after = ControlFlow.of(f);
        assertNotSame(before, after);
        assertTrue(after.sameAs(new ControlFlow(f)));
        assertSame(after, ControlFlow.of(f));
    }
}
