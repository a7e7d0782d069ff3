package dev.kiln.internal.interpreter;

import dev.kiln.TrapKind;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.Trap;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The interpreter's loads and stores of linear memory, each behind a test of the segment's
 * exact class.
 *
 * <p>Why: {@code MemorySegment} has several implementations (native, and one heap class per
 * array type), so inside the JDK's access code, whose profiles every segment user in the JVM
 * shares, the JIT cannot bind the calls on the segment statically and leaves virtual calls in
 * every access. Comparing {@code getClass()} with a constant class lets it treat the segment as
 * exactly that class in the branch, which inlines to a bounds check, a liveness check and one
 * machine load. Heap segments (where native memory cannot be mapped) take a call out of line,
 * which keeps the inlined path small: the interpreter loop is near the JIT's inlining budget.
 */
final class MemoryAccess {

    private static final Class<?> NATIVE = MemorySegment.NULL.getClass();

    private MemoryAccess() {}

    /**
     * The effective address {@code u32 address + u32 offset}: up to 2^33, so it is computed in
     * 64 bits and the segment's own bounds check, which covers the access's width, is the only
     * one (a failure becomes {@link TrapKind#MEMORY_OUT_OF_BOUNDS}).
     */
    static long effective(long address, int offset) {
        return (address & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
    }

    private static Trap outOfBounds() {
        return new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
    }

    static byte loadI8(MemorySegment memory, long address) {
        if (memory.getClass() != NATIVE) {
            return Heap.loadI8(memory, address);
        }
        try {
            return memory.get(ValueLayout.JAVA_BYTE, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static short loadI16(MemorySegment memory, long address) {
        if (memory.getClass() != NATIVE) {
            return Heap.loadI16(memory, address);
        }
        try {
            return memory.get(MemoryInstance.I16, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static int loadI32(MemorySegment memory, long address) {
        if (memory.getClass() != NATIVE) {
            return Heap.loadI32(memory, address);
        }
        try {
            return memory.get(MemoryInstance.I32, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static long loadI64(MemorySegment memory, long address) {
        if (memory.getClass() != NATIVE) {
            return Heap.loadI64(memory, address);
        }
        try {
            return memory.get(MemoryInstance.I64, address);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static void storeI8(MemorySegment memory, long address, byte value) {
        if (memory.getClass() != NATIVE) {
            Heap.storeI8(memory, address, value);
            return;
        }
        try {
            memory.set(ValueLayout.JAVA_BYTE, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static void storeI16(MemorySegment memory, long address, short value) {
        if (memory.getClass() != NATIVE) {
            Heap.storeI16(memory, address, value);
            return;
        }
        try {
            memory.set(MemoryInstance.I16, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static void storeI32(MemorySegment memory, long address, int value) {
        if (memory.getClass() != NATIVE) {
            Heap.storeI32(memory, address, value);
            return;
        }
        try {
            memory.set(MemoryInstance.I32, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    static void storeI64(MemorySegment memory, long address, long value) {
        if (memory.getClass() != NATIVE) {
            Heap.storeI64(memory, address, value);
            return;
        }
        try {
            memory.set(MemoryInstance.I64, address, value);
        } catch (IndexOutOfBoundsException e) {
            throw outOfBounds();
        }
    }

    /** Heap segments, out of line so the native path stays small where it is inlined. */
    private static final class Heap {

        static byte loadI8(MemorySegment memory, long address) {
            try {
                return memory.get(ValueLayout.JAVA_BYTE, address);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static void storeI8(MemorySegment memory, long address, byte value) {
            try {
                memory.set(ValueLayout.JAVA_BYTE, address, value);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static short loadI16(MemorySegment memory, long address) {
            try {
                return memory.get(MemoryInstance.I16, address);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static void storeI16(MemorySegment memory, long address, short value) {
            try {
                memory.set(MemoryInstance.I16, address, value);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static int loadI32(MemorySegment memory, long address) {
            try {
                return memory.get(MemoryInstance.I32, address);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static void storeI32(MemorySegment memory, long address, int value) {
            try {
                memory.set(MemoryInstance.I32, address, value);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static long loadI64(MemorySegment memory, long address) {
            try {
                return memory.get(MemoryInstance.I64, address);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }

        static void storeI64(MemorySegment memory, long address, long value) {
            try {
                memory.set(MemoryInstance.I64, address, value);
            } catch (IndexOutOfBoundsException e) {
                throw outOfBounds();
            }
        }
    }
}
