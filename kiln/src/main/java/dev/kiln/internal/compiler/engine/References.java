package dev.kiln.internal.compiler.engine;

import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.FunctionRecord;
import dev.kiln.internal.runtime.Store;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Where compiled code meets Java, a {@code funcref} changes form: compiled code holds its
 * record's address (what {@code call_indirect} follows), Java and every other engine its
 * reference id in the store. Both directions are one step: an id names its function, whose
 * record is made on first use; a record holds its id at {@link FunctionRecord#REFERENCE}.
 * Record addresses reach Java only from compiled code, which gets them only from the runtime,
 * so reading one is reading a record.
 */
final class References {

    private References() {}

    /** The record address of the function with reference id {@code id} (0 for null). */
    static long recordOf(Store store, long id) {
        FunctionInstance function = store.function(id);
        return function == null ? 0 : function.record().address();
    }

    /** The reference id held by the record at {@code record} (0 for null). */
    static long idOf(long record) {
        if (record == 0) {
            return 0;
        }
        return MemorySegment.ofAddress(record).reinterpret(FunctionRecord.SIZE)
                .get(ValueLayout.JAVA_LONG, FunctionRecord.REFERENCE);
    }

    /** The function the record at {@code record} belongs to (null for 0). */
    static FunctionInstance functionOf(Store store, long record) {
        return store.function(idOf(record));
    }

    /** Ids to record addresses in {@code stack} at {@code slots}. */
    static void toRecords(Store store, long[] stack, int[] slots) {
        for (int s : slots) {
            stack[s] = recordOf(store, stack[s]);
        }
    }

    /** Record addresses to ids in {@code stack} at {@code slots}. */
    static void toIds(long[] stack, int[] slots) {
        for (int s : slots) {
            stack[s] = idOf(stack[s]);
        }
    }
}
