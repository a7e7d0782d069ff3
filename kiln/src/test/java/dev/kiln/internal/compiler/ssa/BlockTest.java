package dev.kiln.internal.compiler.ssa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The instruction list: what passes use to insert and remove instructions in place. */
class BlockTest {

    private static Instruction constant(Function f, long value) {
        return new Instruction(Opcode.ICONST, value, new int[0], new int[] {f.newValue(Type.I32)});
    }

    private static String text(Function f, Block b) {
        StringBuilder out = new StringBuilder();
        for (Instruction i = b.first(); i != null; i = i.next()) {
            out.append(Printer.instruction(f, i)).append("; ");
        }
        return out.toString();
    }

    @Test
    void insertAndRemoveAnywhere() {
        Function f = new Function("f", new Signature(List.of(), List.of()));
        Block b = f.newBlock();
        Instruction ret = new Instruction(Opcode.RETURN, 0, new int[0], new int[0]);
        b.append(ret);
        Instruction one = constant(f, 1);
        b.insertBefore(ret, one);                  // at the front
        Instruction two = constant(f, 2);
        b.insertBefore(ret, two);                  // in the middle
        assertEquals("v0:i32 = iconst 1; v1:i32 = iconst 2; return; ", text(f, b));
        assertEquals(two, ret.prev());
        assertEquals(one, two.prev());
        assertNull(one.prev());

        b.remove(one);                             // the first
        assertEquals("v1:i32 = iconst 2; return; ", text(f, b));
        b.insertBefore(two, one);
        b.remove(two);                             // the middle
        assertEquals("v0:i32 = iconst 1; return; ", text(f, b));
        b.remove(ret);                             // the last
        assertEquals(one, b.last());
        assertNull(one.next());
        b.remove(one);
        assertNull(b.first());
        assertNull(b.last());
        assertNull(one.block());

        Block other = f.newBlock();
        other.append(one);                         // a removed instruction moves elsewhere
        assertEquals(other, one.block());
    }

    @Test
    void anInstructionIsInOneBlockAtATime() {
        Function f = new Function("f", new Signature(List.of(), List.of()));
        Block a = f.newBlock();
        Block b = f.newBlock();
        Instruction one = constant(f, 1);
        a.append(one);
        assertThrows(IllegalArgumentException.class, () -> b.append(one));
        assertThrows(IllegalArgumentException.class, () -> b.remove(one));
        assertThrows(IllegalArgumentException.class, () -> b.insertBefore(one, constant(f, 2)));
    }
}
