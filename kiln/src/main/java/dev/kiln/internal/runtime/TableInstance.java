package dev.kiln.internal.runtime;

import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.TableType;
import java.util.Arrays;

/**
 * A table of references. A {@code funcref} table holds {@link FunctionInstance}s, an
 * {@code externref} table holds the host's handles as {@link Long}s; {@code null} is the null
 * reference in both. {@link Store} converts between these and value slots.
 */
public final class TableInstance {

    /** The most elements a table may have here (a Java array's limit, well above real use). */
    public static final int MAX_ELEMENTS = 10_000_000;

    private final TableType type;
    private final long maxElements;
    private Object[] elements;

    public TableInstance(TableType type, Object initial) {
        this.type = type;
        long max = MAX_ELEMENTS;
        if (type.limits().hasMax()) {
            max = Math.min(max, type.limits().max());
        }
        this.maxElements = max;
        this.elements = new Object[(int) type.limits().min()];
        Arrays.fill(elements, initial);
    }

    /** Whether a table of this type can be created here. */
    public static boolean fits(TableType type) {
        return type.limits().min() <= MAX_ELEMENTS;
    }

    public TableType type() {
        return type;
    }

    public ValueType elementType() {
        return type.elementType();
    }

    public int size() {
        return elements.length;
    }

    /** The element at {@code index}, trapping when it is out of bounds. */
    public Object get(long index) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        return elements[(int) index];
    }

    /** Sets the element at {@code index}, trapping when it is out of bounds. */
    public void set(long index, Object value) {
        if (index < 0 || index >= elements.length) {
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
        elements[(int) index] = value;
    }

    /** The elements array, for engines' fast paths (e.g. {@code call_indirect}); do not keep it. */
    public Object[] elements() {
        return elements;
    }

    /** {@code table.grow}: the old size, or -1 if the table cannot grow that much. */
    public int grow(int delta, Object initial) {
        int old = elements.length;
        long wanted = old + Integer.toUnsignedLong(delta);
        if (wanted > maxElements) {
            return -1;
        }
        Object[] grown = Arrays.copyOf(elements, (int) wanted);
        Arrays.fill(grown, old, (int) wanted, initial);
        elements = grown;
        return old;
    }

    /** {@code table.fill}. */
    public void fill(long index, Object value, long length) {
        checkRange(index, length, elements.length);
        Arrays.fill(elements, (int) index, (int) (index + length), value);
    }

    /** {@code table.copy} within this table or from {@code source}; overlapping is fine. */
    public void copy(long destination, TableInstance source, long sourceIndex, long length) {
        checkRange(destination, length, elements.length);
        checkRange(sourceIndex, length, source.elements.length);
        System.arraycopy(source.elements, (int) sourceIndex, elements, (int) destination, (int) length);
    }

    /** {@code table.init} and active element segments. */
    public void init(long destination, Object[] segment, long from, long length) {
        checkRange(from, length, segment.length);
        checkRange(destination, length, elements.length);
        System.arraycopy(segment, (int) from, elements, (int) destination, (int) length);
    }

    private static void checkRange(long start, long length, int size) {
        if (start < 0 || length < 0 || start + length > size) {
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
    }
}
