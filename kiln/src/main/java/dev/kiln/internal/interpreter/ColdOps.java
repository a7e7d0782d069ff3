package dev.kiln.internal.interpreter;


import dev.kiln.KilnException;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.wasm.Op;

/**
 * The instructions from {@link Opcodes#FIRST_COLD_OP} on: rare enough (bulk memory, tables,
 * references, unsupported SIMD) that they run here, keeping the main loop small for the JIT.
 * None of them changes control flow, and none replaces the memory's array.
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
            case Opcodes.DATA_DROP -> instance.data[a] = null;
            case Opcodes.MEMORY_COPY -> {
                MemoryInstance memory = memory(instance);
                memory.copy(u32(s, fp + a), memory, u32(s, fp + a + 1), u32(s, fp + a + 2));
            }
            case Opcodes.MEMORY_FILL -> fill(memory(instance), u32(s, fp + a), (byte) s[fp + a + 1], u32(s, fp + a + 2));
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

    /** Bytes {@link #fill} builds by doubling before it stamps them out: small enough to stay in cache. */
    private static final int FILL_CHUNK = 16 * 1024;

    /**
     * {@code memory.fill} with copies: {@link System#arraycopy} is a native stub from the first
     * call, where {@link java.util.Arrays#fill} is a bytecode loop until the JIT gets to it. A
     * chunk is built by doubling, then copied over the rest, so the source stays cache-resident
     * and the cost is close to the writes alone.
     */
    private static void fill(MemoryInstance memory, long address, byte value, long length) {
        memory.checkAccess(address, length);
        if (length == 0) {
            return;
        }
        byte[] bytes = memory.bytes();
        int start = (int) address;
        int total = (int) length;
        int chunk = Math.min(total, FILL_CHUNK);
        bytes[start] = value;
        int filled = 1;
        while (filled < total) {
            int n = Math.min(Math.min(filled, chunk), total - filled);
            System.arraycopy(bytes, start, bytes, start + filled, n);
            filled += n;
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
