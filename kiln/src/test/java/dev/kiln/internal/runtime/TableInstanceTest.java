package dev.kiln.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.FunctionType;
import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.Limits;
import dev.kiln.internal.wasm.TableType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TableInstance} keeps its native array (what native code follows) and its Java array in
 * step through every operation, and its descriptor tracks the native array across grows.
 */
class TableInstanceTest {

    private final Store store = new Store(65536, 1000);
    private final InstanceArena arena = new InstanceArena(store);
    private final InstanceArena other = new InstanceArena(store);
    private final Random random = new Random(7);
    private final FunctionInstance[] functions = {
        function(arena, List.of()), function(arena, List.of(ValueType.I32)), function(other, List.of(ValueType.F64)),
    };

    @Test
    void randomOperationsKeepTheTwoArraysInStep() {
        TableInstance table = new TableInstance(new TableType(ValueType.FUNCREF, new Limits(3, 5000)), arena);
        TableInstance source = new TableInstance(new TableType(ValueType.FUNCREF, new Limits(64, 64)), other);
        for (int i = 0; i < 64; i++) {
            source.set(i, pick());
        }
        for (int round = 0; round < 2000; round++) {
            int size = table.size();
            switch (random.nextInt(6)) {
                case 0 -> table.set(random.nextInt(size), pick());
                case 1 -> {
                    int at = random.nextInt(size + 1);
                    table.fill(at, pick(), random.nextInt(size - at + 1));
                }
                case 2 -> {
                    int from = random.nextInt(size + 1);
                    int to = random.nextInt(size + 1);
                    table.copy(to, table, from, random.nextInt(size - Math.max(from, to) + 1));
                }
                case 3 -> {
                    int length = random.nextInt(Math.min(size, 64) + 1);
                    table.copy(random.nextInt(size - length + 1), source, random.nextInt(64 - length + 1), length);
                }
                case 4 -> {
                    Object[] segment = {pick(), pick(), pick()};
                    int length = random.nextInt(Math.min(size, 3) + 1);
                    table.init(random.nextInt(size - length + 1), segment, 3 - length, length);
                }
                default -> assertEquals(size, table.grow(random.nextInt(9), pick()));
            }
            assertInStep(table);
        }
        assertEquals(-1, table.grow(5000, null), "past the maximum");
        assertThrows(Trap.class, () -> table.set(table.size(), null));
        Trap outside = assertThrows(Trap.class, () -> table.fill(1, null, table.size()));
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, outside.kind());
    }

    @Test
    void anExternrefTableHoldsTheHandlesThemselves() {
        TableInstance table = new TableInstance(new TableType(ValueType.EXTERNREF, new Limits(2, Limits.NO_MAX)), arena);
        table.set(0, 99L);
        table.grow(3, 5L);
        assertEquals(99L, nativeElement(table, 0));
        assertEquals(0L, nativeElement(table, 1));
        assertEquals(5L, nativeElement(table, 4));
        assertThrows(IllegalArgumentException.class, () -> table.set(0, functions[0]));
    }

    @Test
    void aRecordNamesTheFunctionsTypeId() {
        for (FunctionInstance f : functions) {
            assertEquals(f.typeId, f.record().get(ValueLayout.JAVA_INT, FunctionRecord.TYPE_ID));
            assertEquals(0, f.record().get(ValueLayout.JAVA_LONG, FunctionRecord.CODE), "no native code yet");
            assertEquals(f.record(), f.record(), "made once");
        }
    }

    private Object pick() {
        int i = random.nextInt(functions.length + 1);
        return i == functions.length ? null : functions[i];
    }

    private static void assertInStep(TableInstance table) {
        assertEquals(table.size(), table.descriptor().get(ValueLayout.JAVA_INT, TableInstance.LENGTH));
        for (int i = 0; i < table.size(); i++) {
            Object element = table.elements()[i];
            long expected = element == null ? 0 : ((FunctionInstance) element).record().address();
            assertEquals(expected, nativeElement(table, i), "element " + i);
        }
    }

    /** Element {@code i} as native code reads it: through the descriptor's base. */
    private static long nativeElement(TableInstance table, int i) {
        long base = table.descriptor().get(ValueLayout.JAVA_LONG, TableInstance.BASE);
        return MemorySegment.ofAddress(base).reinterpret(8L * table.size()).getAtIndex(ValueLayout.JAVA_LONG, i);
    }

    private static FunctionInstance function(InstanceArena arena, List<ValueType> params) {
        return new HostFunctionInstance("test", "f" + params, new FunctionType(params, List.of()), arena, (caller, stack) -> { });
    }
}
