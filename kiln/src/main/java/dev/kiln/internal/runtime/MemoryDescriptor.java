package dev.kiln.internal.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The native descriptor of a linear memory: what compiled code loads the base and bounds from.
 * One per memory, at a fixed address for the memory's life; a grow updates it in place, so every
 * instance importing the memory sees the new size through the same pointer.
 *
 * <pre>
 *   offset  size  field
 *   0       8     base       address of byte 0; never changes
 *   8       8     length     current size in bytes (pages * 65536)
 *   16      4     pages      current size in pages
 *   20      4     maxPages   the effective maximum; address space for it is reserved
 * </pre>
 */
public final class MemoryDescriptor {

    public static final long BASE = 0;
    public static final long LENGTH = 8;
    public static final long PAGES = 16;
    public static final long MAX_PAGES = 20;
    /** The size of a descriptor in bytes; it is 8-byte aligned. */
    public static final long SIZE = 24;

    private MemoryDescriptor() {}

    static void init(MemorySegment descriptor, long base, int maxPages) {
        descriptor.set(ValueLayout.JAVA_LONG, BASE, base);
        descriptor.set(ValueLayout.JAVA_INT, MAX_PAGES, maxPages);
        setLength(descriptor, 0);
    }

    static void setLength(MemorySegment descriptor, long bytes) {
        descriptor.set(ValueLayout.JAVA_LONG, LENGTH, bytes);
        descriptor.set(ValueLayout.JAVA_INT, PAGES, (int) (bytes / MemoryInstance.PAGE_SIZE));
    }
}
