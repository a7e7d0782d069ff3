package dev.kiln.internal.interpreter;


import dev.kiln.KilnException;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.wasm.Op;

/**
 * The instructions from {@link Opcodes#FIRST_COLD_OP} on: rare enough (bulk memory, tables,
 * references, unsupported SIMD, 16-bit stores) that they run here, keeping the main loop small
 * for the JIT. None of them changes control flow, and none replaces the memory's segment.
 */
final class ColdOps {

    private ColdOps() {}

    private static final long MASK = 0xFFFFFFFFL;
    private static final Object[] NO_ELEMENTS = new Object[0];
    private static final byte[] NO_DATA = new byte[0];

    static void execute(int opcode, int a, int b, int c, long[] s, int fp, ModuleInstance instance) {
        switch (opcode) {
            case Opcodes.MEMORY_INIT -> {
                byte[] data = instance.data[b];
                memory(instance).init(u32(s, fp + a), data == null ? NO_DATA : data, u32(s, fp + a + 1),
                        u32(s, fp + a + 2));
            }
            case Opcodes.STORE16 ->
                MemoryAccess.storeI16(memory(instance).segment(), MemoryAccess.effective(s[fp + a], c),
                        (short) s[fp + b]);
            case Opcodes.DATA_DROP -> instance.data[a] = null;
            case Opcodes.MEMORY_COPY -> {
                MemoryInstance memory = memory(instance);
                memory.copy(u32(s, fp + a), memory, u32(s, fp + a + 1), u32(s, fp + a + 2));
            }
            case Opcodes.MEMORY_FILL -> memory(instance).fill(u32(s, fp + a), (byte) s[fp + a + 1], u32(s, fp + a + 2));
            case Opcodes.TABLE_INIT -> {
                Object[] elements = instance.elements[b];
                instance.tables[c].init(u32(s, fp + a), elements == null ? NO_ELEMENTS : elements,
                        u32(s, fp + a + 1), u32(s, fp + a + 2));
            }
            case Opcodes.ELEM_DROP -> instance.elements[a] = null;
            case Opcodes.TABLE_COPY ->
                    instance.tables[b].copy(u32(s, fp + a), instance.tables[c], u32(s, fp + a + 1), u32(s, fp + a + 2));
            case Opcodes.TABLE_FILL -> {
                TableInstance table = instance.tables[b];
                table.fill(u32(s, fp + a), reference(instance, table, s[fp + a + 1]), u32(s, fp + a + 2));
            }
            case Opcodes.TABLE_GET -> s[fp + a] = instance.store().toSlot(instance.tables[c].get(u32(s, fp + b)));
            case Opcodes.TABLE_SET -> {
                TableInstance table = instance.tables[c];
                table.set(u32(s, fp + a), reference(instance, table, s[fp + b]));
            }
            case Opcodes.TABLE_SIZE -> s[fp + a] = instance.tables[c].size();
            case Opcodes.TABLE_GROW -> {
                TableInstance table = instance.tables[c];
                s[fp + a] = table.grow((int) s[fp + a + 1], reference(instance, table, s[fp + a])) & MASK;
            }
            case Opcodes.REF_FUNC -> s[fp + a] = instance.store().referenceOf(instance.functions[b]);
            case Opcodes.SIMD_UNSUPPORTED -> throw new KilnException(
                    "SIMD instruction " + Op.values()[a].mnemonic() + " is not supported by the interpreter yet");
            default -> throw new IllegalStateException("not a lowered opcode: " + opcode);
        }
    }

    private static long u32(long[] s, int slot) {
        return s[slot] & MASK;
    }

    private static MemoryInstance memory(ModuleInstance instance) {
        return instance.memories[0];
    }

    /** A reference slot as the element the table stores. */
    private static Object reference(ModuleInstance instance, TableInstance table, long slot) {
        Store store = instance.store();
        return store.fromSlot(table.elementType(), slot);
    }
}
