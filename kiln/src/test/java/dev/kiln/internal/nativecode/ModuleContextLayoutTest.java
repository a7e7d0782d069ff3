package dev.kiln.internal.nativecode;

import static dev.kiln.testing.TestModule.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.testing.Golden;
import dev.kiln.testing.TestModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ModuleContextLayout}: for modules of many shapes no two fields overlap, every field is
 * inside the struct and aligned, and the layout of one module reads as its golden text.
 */
class ModuleContextLayoutTest {

    private record Field(String name, int offset, int size, int alignment) {}

    @Test
    void fieldsNeitherOverlapNorLeaveTheStructAndAreAligned() {
        Random random = new Random(3);
        checkLayout(new ModuleContextLayout(0, 0, 0, 0, 0), 0, 0, 0, 0, 0);
        for (int round = 0; round < 500; round++) {
            int[] n = new int[5];
            for (int i = 0; i < n.length; i++) {
                n[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(round < 400 ? 8 : 2000);
            }
            checkLayout(new ModuleContextLayout(n[0], n[1], n[2], n[3], n[4]), n[0], n[1], n[2], n[3], n[4]);
        }
    }

    private static void checkLayout(ModuleContextLayout layout, int globals, int memories, int tables,
                                    int importedGlobals, int importedFunctions) {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("handle", ModuleContextLayout.INSTANCE_HANDLE, 8, 8));
        for (int i = 0; i < globals; i++) {
            fields.add(new Field("cell " + i, layout.globalCell(i), 16, 16));
        }
        for (int i = 0; i < memories; i++) {
            fields.add(new Field("memory " + i, layout.memory(i), 8, 8));
        }
        for (int i = 0; i < tables; i++) {
            fields.add(new Field("table " + i, layout.table(i), 8, 8));
        }
        for (int i = 0; i < importedGlobals; i++) {
            fields.add(new Field("imported global " + i, layout.importedGlobal(i), 8, 8));
        }
        for (int i = 0; i < importedFunctions; i++) {
            fields.add(new Field("imported function " + i, layout.importedFunction(i), 24, 8));
        }
        fields.sort(Comparator.comparingInt(Field::offset));
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            assertEquals(0, f.offset() % f.alignment(), f + " is aligned");
            assertTrue(f.offset() + f.size() <= layout.size(), f + " is inside " + layout.size() + " bytes");
            if (i > 0) {
                Field before = fields.get(i - 1);
                assertTrue(before.offset() + before.size() <= f.offset(), before + " overlaps " + f);
            }
        }
        assertEquals(0, layout.size() % ModuleContextLayout.ALIGNMENT);
        assertThrows(IndexOutOfBoundsException.class, () -> layout.globalCell(globals));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.importedFunction(-1));
    }

    @Test
    void theLayoutOfAModuleReadsAsItsGoldenText() {
        TestModule m = new TestModule();
        m.importFunction("env", "log", sig("i32", ""));
        m.importFunction("env", "now", sig("", "i64"));
        m.importGlobal("env", "base", ValueType.I32, false);
        m.importMemory("env", "memory", 1, Limits.NO_MAX);
        m.table(ValueType.FUNCREF, 4, Limits.NO_MAX);
        m.global("counter", ValueType.I64, true, "i64.const 0");
        m.global("limit", ValueType.I32, false, "i32.const 7");
        m.function("f", sig("", ""), "");
        Golden.check("nativecode/module-context.txt", ModuleContextLayout.of(m.module()).toString());
    }

    @Test
    void aContextTooBigForDisplacementsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ModuleContextLayout(Integer.MAX_VALUE / 8, 0, 0, 0, 0));
        assertTrue(refused.getMessage().startsWith("the module context would need"), refused.getMessage());
    }
}
