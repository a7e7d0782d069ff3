package dev.kiln.internal.runtime;

import dev.kiln.internal.wasm.GlobalType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A global variable in a native cell, so native code and every engine read and write the same
 * 16 bytes: the slot form of the value (see {@link dev.kiln.ValueType}) at +0, the upper 64 bits
 * of a v128 at +8.
 *
 * <pre>
 *   cell (16 bytes, 16-aligned, in the defining instance's {@link InstanceArena})
 *   +0  value   u64   the slot: i32 zero-extended, floats as bits, references as slots
 *   +8  high    u64   bits 64..127 of a v128, else 0
 * </pre>
 *
 * Lives as long as an instance that defines or imports it is open; after that every access
 * is an {@link IllegalStateException}.
 */
public final class GlobalInstance {

    public static final long CELL_SIZE = 16;
    /**
     * The class of native segments. Cells are always native (arena allocations); testing the
     * exact class before each access lets the JIT bind the JDK's access code to that class,
     * whose shared profiles would otherwise leave virtual calls in every global.get (the same
     * reason as interpreter.MemoryAccess).
     */
    private static final Class<?> NATIVE = MemorySegment.NULL.getClass();

    private final GlobalType type;
    private final InstanceArena arena;
    private final MemorySegment cell;

    public GlobalInstance(GlobalType type, InstanceArena arena, long value, long high) {
        this(type, arena, arena.allocate(CELL_SIZE, CELL_SIZE), value, high);
    }

    /**
     * A global over a cell allocated elsewhere in {@code arena}: a compiled instance keeps its
     * globals' cells inside its module context, so {@code global.get} is one load.
     */
    public GlobalInstance(GlobalType type, InstanceArena arena, MemorySegment cell, long value, long high) {
        if (cell.byteSize() != CELL_SIZE || cell.address() % CELL_SIZE != 0) {
            throw new IllegalArgumentException("a global's cell is 16 bytes, 16-aligned: " + cell);
        }
        this.type = type;
        this.arena = arena;
        this.cell = cell;
        set(value);
        setHigh(high);
    }

    public GlobalType type() {
        return type;
    }

    /** The arena of the instance that defines this global; importers retain it. */
    public InstanceArena arena() {
        return arena;
    }

    /** The cell, for native code (its address) and tests. */
    public MemorySegment cell() {
        return cell;
    }

    public long get() {
        return nativeCell().get(ValueLayout.JAVA_LONG, 0);
    }

    public void set(long value) {
        nativeCell().set(ValueLayout.JAVA_LONG, 0, value);
    }

    public long high() {
        return nativeCell().get(ValueLayout.JAVA_LONG, 8);
    }

    public void setHigh(long high) {
        nativeCell().set(ValueLayout.JAVA_LONG, 8, high);
    }

    private MemorySegment nativeCell() {
        MemorySegment c = cell;
        if (c.getClass() != NATIVE) {
            throw new IllegalStateException("a global's cell is not native: " + c);
        }
        return c;
    }

    /** Whether the global's memory was freed: no instance using it is open. */
    public boolean isReleased() {
        return arena.isReleased();
    }
}
