package dev.kiln.internal.compiler.engine;

import dev.kiln.ValueType;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.TableInstance;

/**
 * Java's side of compiled code's exits ({@code call_exit}, docs/compiler.md "Exits"): each is a
 * host function of the engine's arena whose first slot is the calling instance's module context,
 * followed by the exit's values. The runtime's objects check ranges and trap exactly as they do
 * for the interpreter ({@code interpreter.ColdOps} does the same with its own operands).
 */
final class ExitServer {

    private static final long MASK = 0xFFFF_FFFFL;
    private static final Object[] NO_ELEMENTS = new Object[0];
    private static final byte[] NO_DATA = new byte[0];

    private final CompilerEngine engine;

    ExitServer(CompilerEngine engine) {
        this.engine = engine;
    }

    void serve(ExitCode exit, long[] s) {
        ModuleInstance instance = engine.instanceAt(s[0]).runtimeInstance();
        switch (exit) {
            case MEMORY_GROW -> s[0] = instance.memories[(int) s[1]].grow((int) s[2]) & MASK;
            case TABLE_GROW -> {
                TableInstance table = instance.tables[(int) s[1]];
                s[0] = table.grow((int) s[3], element(instance, table, s[2])) & MASK;
            }
            case MEMORY_FILL -> instance.memories[(int) s[1]].fill(u32(s[2]), (byte) s[3], u32(s[4]));
            case MEMORY_COPY -> {
                MemoryInstance source = instance.memories[(int) s[2]];
                instance.memories[(int) s[1]].copy(u32(s[3]), source, u32(s[4]), u32(s[5]));
            }
            case MEMORY_INIT -> {
                byte[] data = instance.data[(int) s[1]];
                instance.memories[(int) s[2]].init(u32(s[3]), data == null ? NO_DATA : data, u32(s[4]), u32(s[5]));
            }
            case DATA_DROP -> instance.data[(int) s[1]] = null;
            case TABLE_SET -> {
                TableInstance table = instance.tables[(int) s[1]];
                table.set(u32(s[2]), element(instance, table, s[3]));
            }
            case TABLE_FILL -> {
                TableInstance table = instance.tables[(int) s[1]];
                table.fill(u32(s[2]), element(instance, table, s[3]), u32(s[4]));
            }
            case TABLE_COPY -> instance.tables[(int) s[1]].copy(u32(s[3]), instance.tables[(int) s[2]], u32(s[4]), u32(s[5]));
            case TABLE_INIT -> {
                Object[] elements = instance.elements[(int) s[1]];
                instance.tables[(int) s[2]].init(u32(s[3]), elements == null ? NO_ELEMENTS : elements, u32(s[4]), u32(s[5]));
            }
            case ELEM_DROP -> instance.elements[(int) s[1]] = null;
            case REF_FUNC -> s[0] = instance.functions[(int) s[1]].record().address();
            case FUNCREF_FROM_ID -> s[0] = References.recordOf(instance.store(), s[1]);
            case FUNCREF_TO_ID -> s[0] = References.idOf(s[1]);
            default -> throw new IllegalStateException("compiled code called exit " + exit + ", which has no server");
        }
    }

    private static long u32(long slot) {
        return slot & MASK;
    }

    /** A reference as compiled code holds it (a record address, or an externref's handle) as a table element. */
    private static Object element(ModuleInstance instance, TableInstance table, long reference) {
        if (reference == 0) {
            return null;
        }
        return table.elementType() == ValueType.FUNCREF ? References.functionOf(instance.store(), reference)
                : instance.store().fromSlot(ValueType.EXTERNREF, reference);
    }
}
