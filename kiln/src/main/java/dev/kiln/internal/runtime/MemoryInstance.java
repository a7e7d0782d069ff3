package dev.kiln.internal.runtime;

import dev.kiln.KilnException;
import dev.kiln.TrapKind;
import dev.kiln.internal.nativecode.BulkMemory;
import dev.kiln.internal.nativecode.NativeMemoryException;
import dev.kiln.internal.nativecode.NativeSupport;
import dev.kiln.internal.wasm.MemoryType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A linear memory, one representation for every engine: its bytes are a {@link MemorySegment}
 * over {@link MemoryStorage} (native memory reserved for the effective maximum where this JVM
 * can map it, else a Java array), and native code reaches it through its
 * {@link #descriptor() descriptor}.
 *
 * <p>The segment {@link #segment()} returns covers exactly the current size, so Java code can
 * never touch a byte outside the memory even without its own check; it is replaced when the
 * memory grows, so engines re-read it after anything that can grow the memory (a grow, or any
 * call). A segment read before a grow stays valid: pages are never given back while the memory
 * lives.
 *
 * <p>Effective addresses are {@code u32 address + u32 offset} and so up to 2^33: callers pass
 * them as {@code long}.
 *
 * <p>Lifetime: the instance that defines the memory holds one reference and each instance that
 * imports it another ({@link #retain()}); the last {@link #release()} frees the storage, after
 * which every use is an {@link IllegalStateException}.
 */
public final class MemoryInstance {

    public static final int PAGE_SIZE = MemoryType.PAGE_SIZE;
    /** The most pages a 32-bit memory has: 4 GiB. */
    public static final int MAX_PAGES = 65536;

    /** Little-endian unaligned views, as WebAssembly accesses memory. */
    public static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Where a memory's bytes live. */
    public enum Backing {
        /** Native memory if this JVM can map it ({@link NativeSupport#canMapMemory()}), else the heap. */
        DEFAULT,
        /** A Java array, whatever the JVM can do. */
        HEAP
    }

    private final MemoryType type;
    private final int maxPages;
    private final MemoryStorage storage;
    private MemorySegment bytes;
    private int references = 1;
    /** Set once the storage is freed; volatile so {@link #isReleased()} is a plain read. */
    private volatile boolean released;

    /**
     * A memory of {@code type}'s minimum size.
     *
     * @param limitPages the runtime's limit; the effective maximum is the smallest of the
     *     declared maximum, this limit and {@link #MAX_PAGES}
     * @throws KilnException when the memory cannot be had (address space or heap exhausted)
     */
    public MemoryInstance(MemoryType type, long limitPages, Backing backing) {
        this.type = type;
        long max = Math.min(limitPages, MAX_PAGES);
        if (type.limits().hasMax()) {
            max = Math.min(max, type.limits().max());
        }
        this.maxPages = (int) max;
        this.storage = storage(backing, maxPages, type);
        this.bytes = storage.resize(type.limits().min() * PAGE_SIZE);
        if (bytes == null) {
            storage.release();
            throw new KilnException("cannot allocate a memory of " + type.limits().min() + " pages ("
                    + type.limits().min() * PAGE_SIZE + " bytes): out of memory");
        }
    }

    /** A memory in the default backing. */
    public MemoryInstance(MemoryType type, long limitPages) {
        this(type, limitPages, Backing.DEFAULT);
    }

    private static MemoryStorage storage(Backing backing, int maxPages, MemoryType type) {
        if (backing == Backing.HEAP || !NativeSupport.canMapMemory()) {
            return new HeapStorage();
        }
        try {
            return new MappedStorage(maxPages);
        } catch (NativeMemoryException e) {
            throw new KilnException("cannot reserve address space for a memory of " + type.limits()
                    + " (effective maximum " + maxPages + " pages): " + e.getMessage(), e);
        }
    }

    /** Whether a memory of this type can be created under the given page limit. */
    public static boolean fits(MemoryType type, long limitPages) {
        return type.limits().min() <= Math.min(limitPages, MAX_PAGES);
    }

    public MemoryType type() {
        return type;
    }

    /**
     * The current contents: exactly {@link #size()} bytes. Replaced (not resized) when the memory
     * grows; closed when the memory is released.
     */
    public MemorySegment segment() {
        return bytes;
    }

    /**
     * The native descriptor ({@link MemoryDescriptor}), fixed for the memory's life, or
     * {@link MemorySegment#NULL} when the memory is on the heap.
     */
    public MemorySegment descriptor() {
        return storage.descriptor();
    }

    /** The current size in bytes. */
    public long size() {
        return bytes.byteSize();
    }

    public int pages() {
        return (int) (bytes.byteSize() / PAGE_SIZE);
    }

    /** The largest size in pages this memory may grow to. */
    public int maxPages() {
        return maxPages;
    }

    /** {@code memory.grow}: the old size in pages, or -1 if the memory cannot grow that much. */
    public synchronized int grow(int deltaPages) {
        checkLive();
        int old = pages();
        long wanted = old + Integer.toUnsignedLong(deltaPages);
        if (wanted > maxPages) {
            return -1;
        }
        if (deltaPages != 0) {
            MemorySegment grown = storage.resize(wanted * PAGE_SIZE);
            if (grown == null) {
                return -1;
            }
            bytes = grown;
        }
        return old;
    }

    /** Traps unless {@code [address, address + length)} lies inside the memory. */
    public void checkAccess(long address, long length) {
        if (address < 0 || length < 0 || address + length > bytes.byteSize()) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
    }

    /** {@code memory.fill}. */
    public void fill(long address, byte value, long length) {
        checkAccess(address, length);
        MemorySegment target = bytes.asSlice(address, length);
        if (length >= BulkMemory.THRESHOLD && target.isNative()) {
            BulkMemory.fill(target, value);
        } else {
            target.fill(value);
        }
    }

    /** {@code memory.copy} within this memory or from {@code source}; overlapping is fine. */
    public void copy(long destination, MemoryInstance source, long sourceAddress, long length) {
        checkAccess(destination, length);
        source.checkAccess(sourceAddress, length);
        if (length >= BulkMemory.THRESHOLD && bytes.isNative() && source.bytes.isNative()) {
            BulkMemory.move(bytes.asSlice(destination, length), source.bytes.asSlice(sourceAddress, length));
        } else {
            MemorySegment.copy(source.bytes, sourceAddress, bytes, destination, length);
        }
    }

    /** {@code memory.init} and active data segments: copies {@code data[from, from+length)}. */
    public void init(long destination, byte[] data, long from, long length) {
        if (from < 0 || length < 0 || from + length > data.length) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
        checkAccess(destination, length);
        MemorySegment.copy(MemorySegment.ofArray(data), from, bytes, destination, length);
    }

    /** Takes one more reference: an instance imports this memory. */
    public synchronized void retain() {
        checkLive();
        references++;
    }

    /**
     * Drops a reference; the last one closes the memory to Java at once and frees the storage
     * once the native calls running now have returned ({@link Store#free}).
     */
    public void release(Store store) {
        synchronized (this) {
            if (references == 0 || --references > 0) {
                return;
            }
            released = true;
            bytes = MemorySegment.NULL;
        }
        store.free(storage::release);
    }

    /** Whether the memory was freed. */
    public boolean isReleased() {
        return released;
    }

    private void checkLive() {
        if (references == 0) {
            throw new IllegalStateException("the memory is closed");
        }
    }
}
