package dev.kiln.internal.runtime;

import dev.kiln.TrapKind;
import dev.kiln.ValueType;
import dev.kiln.internal.wasm.TableType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * A table of references, kept twice in step: a native array that native code follows, and a
 * Java array of the same elements that Java code (the interpreter, the API) reads without
 * crossing into native memory.
 *
 * <pre>
 *   descriptor (16 bytes, fixed address)      native elements (u64 each, may move on grow)
 *   +0  base    u64  ──────────────────────▶  [0] record address | handle | 0 = null
 *   +8  length  u32  current size              [1] ...
 *   +12 (pad)   u32                            ...  capacity ≥ length
 *
 *   funcref element: the address of the function's {@link FunctionRecord}
 *   externref element: the host's handle itself
 * </pre>
 *
 * In the Java array a {@code funcref} element is the {@link FunctionInstance}, an
 * {@code externref} element the handle as a {@link Long}; {@code null} is the null reference in
 * both. Every change goes through this class, so the two never disagree; native code only reads
 * tables (its {@code table.set} and friends call the runtime).
 *
 * <p>Growing past the capacity allocates a new native array (twice the size, up to the
 * maximum) and points the descriptor at it; the old one stays allocated until the arena is
 * freed, so a native reader racing with a grow still reads mapped memory. Doubling bounds that
 * waste by the final size.
 */
public final class TableInstance {

    /** The most elements a table may have here (a Java array's limit, well above real use). */
    public static final int MAX_ELEMENTS = 10_000_000;

    public static final long DESCRIPTOR_SIZE = 16;
    public static final long BASE = 0;
    public static final long LENGTH = 8;

    private final TableType type;
    private final InstanceArena arena;
    private final long maxElements;
    private final boolean functions;
    private final MemorySegment descriptor;
    private MemorySegment nativeElements;
    private Object[] elements;

    /** An empty table of {@code type}'s minimum size, in {@code arena}. */
    public TableInstance(TableType type, InstanceArena arena) {
        this.type = type;
        this.arena = arena;
        long max = MAX_ELEMENTS;
        if (type.limits().hasMax()) {
            max = Math.min(max, type.limits().max());
        }
        this.maxElements = max;
        this.functions = type.elementType() == ValueType.FUNCREF;
        int size = (int) type.limits().min();
        this.elements = new Object[size];
        this.descriptor = arena.allocate(DESCRIPTOR_SIZE, 8);
        this.nativeElements = arena.allocate(Math.max(1, size) * 8L, 8);
        publish(size);
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

    /** The arena of the instance that defines this table; importers retain it. */
    public InstanceArena arena() {
        return arena;
    }

    /** The native descriptor, fixed for the table's life. */
    public MemorySegment descriptor() {
        return descriptor;
    }

    /** Whether the table's memory was freed: no instance using it is open. */
    public boolean isReleased() {
        return arena.isReleased();
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
        store((int) index, value);
    }

    /** The Java array, for engines' fast paths (e.g. {@code call_indirect}); do not keep it. */
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
        int size = (int) wanted;
        if (size * 8L > nativeElements.byteSize()) {
            long capacity = Math.min(maxElements, Math.max(wanted, 2L * old));
            MemorySegment grown = arena.allocate(capacity * 8, 8);
            MemorySegment.copy(nativeElements, 0, grown, 0, old * 8L);
            nativeElements = grown;
        }
        elements = Arrays.copyOf(elements, size);
        fillElements(old, initial, size - old);
        publish(size);
        return old;
    }

    /** {@code table.fill}. */
    public void fill(long index, Object value, long length) {
        checkRange(index, length, elements.length);
        fillElements((int) index, value, (int) length);
    }

    /** {@code table.copy} within this table or from {@code source}; overlapping is fine. */
    public void copy(long destination, TableInstance source, long sourceIndex, long length) {
        checkRange(destination, length, elements.length);
        checkRange(sourceIndex, length, source.elements.length);
        if (source != this) {
            keepAliveAll(source.elements, (int) sourceIndex, (int) length);
        }
        System.arraycopy(source.elements, (int) sourceIndex, elements, (int) destination, (int) length);
        MemorySegment.copy(source.nativeElements, sourceIndex * 8, nativeElements, destination * 8, length * 8);
    }

    /** {@code table.init} and active element segments. */
    public void init(long destination, Object[] segment, long from, long length) {
        checkRange(from, length, segment.length);
        checkRange(destination, length, elements.length);
        for (int i = 0; i < length; i++) {
            store((int) destination + i, segment[(int) from + i]);
        }
    }

    private void fillElements(int from, Object value, int length) {
        Arrays.fill(elements, from, from + length, value);
        long element = nativeElement(value);
        for (int i = from; i < from + length; i++) {
            nativeElements.setAtIndex(ValueLayout.JAVA_LONG, i, element);
        }
    }

    private void store(int index, Object value) {
        long element = nativeElement(value);
        elements[index] = value;
        nativeElements.setAtIndex(ValueLayout.JAVA_LONG, index, element);
    }

    /** The native form of an element, keeping a function's arena alive while this table lives. */
    private long nativeElement(Object value) {
        return switch (value) {
            case null -> 0;
            case FunctionInstance f when functions -> {
                arena.keepAlive(f.arena());
                yield f.record().address();
            }
            case Long handle when !functions -> handle;
            default -> throw new IllegalArgumentException("not an element of a " + type.elementType() + " table: " + value);
        };
    }

    private void keepAliveAll(Object[] from, int start, int length) {
        if (!functions) {
            return;
        }
        for (int i = start; i < start + length; i++) {
            if (from[i] instanceof FunctionInstance f) {
                arena.keepAlive(f.arena());
            }
        }
    }

    private void publish(int size) {
        descriptor.set(ValueLayout.JAVA_LONG, BASE, nativeElements.address());
        descriptor.set(ValueLayout.JAVA_INT, LENGTH, size);
    }

    private static void checkRange(long start, long length, int size) {
        if (start < 0 || length < 0 || start + length > size) {
            throw new Trap(TrapKind.TABLE_OUT_OF_BOUNDS);
        }
    }
}
