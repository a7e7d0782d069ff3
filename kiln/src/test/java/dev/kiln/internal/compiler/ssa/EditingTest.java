package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What passes edit functions with: parameters with their arguments, edges, the layout, a block's tail. */
class EditingTest {

    private static final String LOOP = """
            function $f(i64, i64, i32) -> (i32) {
            b0(v0:i64, v1:i64, v2:i32):
                v3:i32 = iconst 1
                jump b1(v2, v3, v2)
            b1(v4:i32, v5:i32, v6:i32):
                v7:i32 = isub v4, v5
                brif v7, b1(v7, v5, v6), b2()
            b2():
                return v4
            }
            """;

    @Test
    void removingParametersDropsTheirArgumentsOnEveryBranch() {
        Function f = Parser.parse(LOOP);
        boolean[] removed = new boolean[f.valueIdLimit()];
        removed[5] = true;
        removed[6] = true;
        removed[3] = true; // not a parameter: ignored
        f.removeParams(removed);
        assertEquals("""
                function $f(i64, i64, i32) -> (i32) {
                b0(v0:i64, v1:i64, v2:i32):
                    v3:i32 = iconst 1
                    jump b1(v2)
                b1(v4:i32):
                    v7:i32 = isub v4, v5
                    brif v7, b1(v7), b2()
                b2():
                    return v4
                }
                """, Printer.print(f));
    }

    @Test
    void aBranchCanBeRedirectedAndATailCutOff() {
        Function f = Parser.parse(LOOP);
        Block loop = f.blocks().get(1);
        Block exit = f.blocks().get(2);
        Block edge = f.newBlock();
        Instruction branch = loop.terminator();
        edge.append(Instruction.jump(loop, branch.arguments(0)));
        branch.setTarget(0, edge);
        loop.truncate(loop.first().next()); // cuts the brif, keeps the isub
        loop.append(Instruction.jump(exit));
        assertEquals(List.of(), Verifier.verify(f), "b3 is unreachable now, which the verifier allows");
        assertEquals("""
                b1(v4:i32, v5:i32, v6:i32):
                    v7:i32 = isub v4, v5
                    jump b2()
                b2():
                    return v4
                b3():
                    jump b1(v7, v5, v6)
                }
                """, Printer.print(f).substring(Printer.print(f).indexOf("\nb1(") + 1));
    }

    @Test
    void theLayoutKeepsTheEntryFirstAndOnlyItsOwnBlocks() {
        Function f = Parser.parse(LOOP);
        List<Block> blocks = List.copyOf(f.blocks());
        f.setLayout(List.of(blocks.get(0), blocks.get(2)));
        assertEquals(List.of(blocks.get(0), blocks.get(2)), f.blocks());
        assertThrows(IllegalArgumentException.class, () -> f.setLayout(List.of(blocks.get(2), blocks.get(0))));
        assertThrows(IllegalArgumentException.class, () -> f.setLayout(List.of(blocks.get(0), blocks.get(1))),
                "b1 left the layout");
        assertThrows(IllegalArgumentException.class, () -> f.setLayout(List.of(blocks.get(0), blocks.get(0))));
    }
}
