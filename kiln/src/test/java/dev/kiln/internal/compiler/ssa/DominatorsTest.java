package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DominatorsTest {

    /** Each block's immediate dominator by id, "-" for none. */
    private static String idoms(Function f, Dominators d) {
        StringBuilder out = new StringBuilder();
        for (Block b : f.blocks()) {
            Block idom = d.immediateDominator(b);
            out.append(b).append(':').append(idom == null ? "-" : idom.toString()).append(' ');
        }
        return out.toString().strip();
    }

    @Test
    void aLoopABranchAndAnUnreachableBlock() {
        Function f = Parser.parse("""
                function $g(i32) -> () {
                b0(v0:i32):
                    brif v0, b1(), b2()
                b1():                   ; the loop header
                    brif v0, b3(), b4()
                b2():
                    jump b4()
                b3():
                    jump b1()           ; the back edge
                b4():
                    jump b5()
                b5():
                    return
                b6():                   ; nothing reaches it
                    jump b5()
                }
                """);
        ControlFlow cfg = new ControlFlow(f);
        Dominators d = new Dominators(cfg);
        assertEquals("b0:- b1:b0 b2:b0 b3:b1 b4:b0 b5:b4 b6:-", idoms(f, d));

        Block[] b = f.blocks().toArray(Block[]::new);
        assertTrue(d.dominates(b[0], b[5]));
        assertTrue(d.dominates(b[1], b[3]));
        assertTrue(d.dominates(b[3], b[3]), "a block dominates itself");
        assertFalse(d.dominates(b[1], b[4]), "b4 is also reached through b2");
        assertFalse(d.dominates(b[3], b[1]));
        assertFalse(d.dominates(b[6], b[5]), "an unreachable block dominates nothing");
        assertFalse(d.dominates(b[6], b[6]));

        assertFalse(cfg.reachable(b[6]));
        assertEquals(List.of(b[4], b[6]), cfg.predecessors(b[5]));
        assertEquals(List.of(b[3], b[4]), cfg.successors(b[1]));
        assertEquals(List.of(b[0], b[3]), cfg.predecessors(b[1]));
        assertEquals(b[0], cfg.reversePostorder()[0]);
    }

    /** The irreducible graph of figure 4 in Cooper, Harvey and Kennedy: a cycle with two entries. */
    @Test
    void anIrreducibleGraph() {
        Function f = Parser.parse("""
                function $g(i32) -> () {
                b5(v0:i32):
                    brif v0, b4(), b3()
                b4():
                    jump b1()
                b3():
                    jump b2()
                b1():
                    brif v0, b2(), b0()
                b2():
                    brif v0, b1(), b0()
                b0():
                    return
                }
                """);
        Dominators d = new Dominators(new ControlFlow(f));
        assertEquals("b5:- b4:b5 b3:b5 b1:b5 b2:b5 b0:b5", idoms(f, d));
    }

    /** The walks use explicit stacks: 20,000 blocks in a row do not overflow the Java stack. */
    @Test
    void aLongChain() {
        Function f = new Function("chain", new Signature(List.of(), List.of()));
        Block previous = f.newBlock();
        for (int i = 1; i < 20_000; i++) {
            Block next = f.newBlock();
            previous.append(new Instruction(Opcode.JUMP, 0, new int[0], new int[0], new Block[] {next}, new int[][] {{}}));
            previous = next;
        }
        previous.append(new Instruction(Opcode.RETURN, 0, new int[0], new int[0]));
        ControlFlow cfg = new ControlFlow(f);
        Dominators d = new Dominators(cfg);
        Block[] blocks = f.blocks().toArray(Block[]::new);
        assertArrayEquals(blocks, cfg.reversePostorder());
        assertEquals(blocks[18_998], d.immediateDominator(blocks[18_999]));
        assertTrue(d.dominates(blocks[0], blocks[19_999]));
        assertFalse(d.dominates(blocks[19_999], blocks[0]));
        assertNull(d.immediateDominator(blocks[0]));
        assertEquals(List.of(), Verifier.verify(f));
    }
}
