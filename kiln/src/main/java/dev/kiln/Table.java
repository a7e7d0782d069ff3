package dev.kiln;

import dev.kiln.internal.runtime.Store;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.runtime.Trap;

/**
 * A table of references, as seen from Java. Elements are reference slots: {@code 0} is null
 * (see {@link ValueType}). An index outside the table throws {@link IndexOutOfBoundsException}.
 */
public final class Table {

    private final TableInstance table;
    private final Store store;

    Table(TableInstance table, Store store) {
        this.table = table;
        this.store = store;
    }

    /** {@link ValueType#FUNCREF} or {@link ValueType#EXTERNREF}. */
    public ValueType elementType() {
        return table.elementType();
    }

    /** The number of elements. */
    public int size() {
        return live().size();
    }

    /** The element at {@code index} as a reference slot. */
    public long get(int index) {
        try {
            return store.toSlot(live().get(index));
        } catch (Trap e) {
            throw outside(index);
        }
    }

    /**
     * Sets the element at {@code index} from a reference slot.
     *
     * @throws IllegalArgumentException if the table holds {@code funcref} and {@code reference}
     *     is not a function reference of this table's runtime (nor 0)
     */
    public void set(int index, long reference) {
        Object element = store.fromSlot(table.elementType(), reference);
        try {
            live().set(index, element);
        } catch (Trap e) {
            throw outside(index);
        }
    }

    /** Grows by {@code delta} elements set to {@code initial}; returns the old size, or -1. */
    public int grow(int delta, long initial) {
        if (delta < 0) {
            throw new IllegalArgumentException("delta must not be negative: " + delta);
        }
        return live().grow(delta, store.fromSlot(table.elementType(), initial));
    }

    /** The table, unless every instance using it has closed. */
    private TableInstance live() {
        if (table.isReleased()) {
            throw new IllegalStateException("the table is closed");
        }
        return table;
    }

    private IndexOutOfBoundsException outside(int index) {
        return new IndexOutOfBoundsException("table index " + index + " is outside the table of " + table.size() + " elements");
    }
}
