package dev.kiln.internal.runtime;

import dev.kiln.KilnException;
import dev.kiln.TrapKind;
import dev.kiln.internal.wasm.MemoryType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory held in a Java {@code byte[]}, for the interpreter.
 *
 * <p>A Java array holds at most 2^31 - 1 bytes, so this representation grows to
 * {@link #MAX_HEAP_PAGES} pages; asking for more makes {@code memory.grow} fail with -1, which
 * the spec allows. The array is replaced on growth: engines must re-read {@link #bytes()} after
 * anything that can grow the memory (a grow, or any call).
 *
 * <p>Effective addresses are {@code u32 address + u32 offset} and so up to 2^33: callers pass them
 * as {@code long} to {@link #checkAccess} before narrowing to {@code int}.
 */
public final class MemoryInstance {

    /** The most pages a {@code byte[]} can hold. */
    public static final int MAX_HEAP_PAGES = (Integer.MAX_VALUE - 8) / MemoryType.PAGE_SIZE;

    public static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryType type;
    private final int maxPages;
    private byte[] bytes;

    /**
     * @param type the declared type
     * @param limitPages the runtime's limit; the effective maximum is the smallest of the
     *     declared maximum, this limit and {@link #MAX_HEAP_PAGES}
     */
    public MemoryInstance(MemoryType type, long limitPages) {
        this.type = type;
        long max = Math.min(limitPages, MAX_HEAP_PAGES);
        if (type.limits().hasMax()) {
            max = Math.min(max, type.limits().max());
        }
        this.maxPages = (int) max;
        this.bytes = allocate(type.limits().min());
    }

    /** A zeroed memory of {@code pages}; a JVM heap too small for it is an error, not a crash. */
    private static byte[] allocate(long pages) {
        try {
            return new byte[Math.toIntExact(pages * MemoryType.PAGE_SIZE)];
        } catch (OutOfMemoryError e) {
            throw new KilnException("cannot allocate a memory of " + pages + " pages ("
                    + pages * MemoryType.PAGE_SIZE + " bytes): the JVM heap is too small (raise -Xmx)");
        }
    }

    /** Whether a memory of this type can be created under the given page limit. */
    public static boolean fits(MemoryType type, long limitPages) {
        return type.limits().min() <= Math.min(limitPages, MAX_HEAP_PAGES);
    }

    public MemoryType type() {
        return type;
    }

    /** The current contents; replaced (not resized) when the memory grows. */
    public byte[] bytes() {
        return bytes;
    }

    public int pages() {
        return bytes.length / MemoryType.PAGE_SIZE;
    }

    /** The largest size in pages this memory may grow to. */
    public int maxPages() {
        return maxPages;
    }

    /** {@code memory.grow}: the old size in pages, or -1 if the memory cannot grow that much. */
    public int grow(int deltaPages) {
        int old = pages();
        long wanted = old + Integer.toUnsignedLong(deltaPages);
        if (wanted > maxPages) {
            return -1;
        }
        if (deltaPages != 0) {
            try {
                bytes = Arrays.copyOf(bytes, (int) wanted * MemoryType.PAGE_SIZE);
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return old;
    }

    /** Traps unless {@code [address, address + length)} lies inside the memory. */
    public void checkAccess(long address, long length) {
        if (address < 0 || length < 0 || address + length > bytes.length) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
    }

    /**
     * Without the C library ({@link NativeBulk}), bulk operations work in chunks of this many
     * bytes. Measured on HotSpot: chunked copies run about a third faster than one
     * multi-megabyte {@link System#arraycopy} (overlapping ones most), and many short
     * {@link Arrays#fill} calls get the JIT to compile the fill within the first call, where one
     * long call stays a bytecode loop for a while.
     */
    private static final int CHUNK = 64 * 1024;

    /** {@code memory.fill}. */
    public void fill(long address, byte value, long length) {
        checkAccess(address, length);
        if (NativeBulk.AVAILABLE && length >= NativeBulk.THRESHOLD) {
            NativeBulk.fill(bytes, (int) address, value, (int) length);
        } else {
            fillChunked(bytes, (int) address, value, (int) length);
        }
    }

    /** {@code memory.copy} within this memory or from {@code source}; overlapping is fine. */
    public void copy(long destination, MemoryInstance source, long sourceAddress, long length) {
        checkAccess(destination, length);
        source.checkAccess(sourceAddress, length);
        if (NativeBulk.AVAILABLE && length >= NativeBulk.THRESHOLD) {
            NativeBulk.move(bytes, (int) destination, source.bytes, (int) sourceAddress, (int) length);
        } else {
            moveChunked(bytes, (int) destination, source.bytes, (int) sourceAddress, (int) length);
        }
    }

    /** The Java fill: {@link Arrays#fill} a chunk at a time. */
    static void fillChunked(byte[] bytes, int at, byte value, int length) {
        int end = at + length;
        while (at < end) {
            int next = Math.min(end, at + CHUNK);
            Arrays.fill(bytes, at, next, value);
            at = next;
        }
    }

    /** The Java copy: {@link System#arraycopy} a chunk at a time, in the direction that keeps overlaps right. */
    static void moveChunked(byte[] target, int to, byte[] source, int from, int length) {
        if (to <= from) {
            for (int done = 0; done < length; done += CHUNK) {
                System.arraycopy(source, from + done, target, to + done, Math.min(CHUNK, length - done));
            }
        } else {
            for (int left = length; left > 0; left -= CHUNK) {
                int n = Math.min(CHUNK, left);
                System.arraycopy(source, from + left - n, target, to + left - n, n);
            }
        }
    }

    /** {@code memory.init} and active data segments: copies {@code data[from, from+length)}. */
    public void init(long destination, byte[] data, long from, long length) {
        if (from < 0 || length < 0 || from + length > data.length) {
            throw new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS);
        }
        checkAccess(destination, length);
        System.arraycopy(data, (int) from, bytes, (int) destination, (int) length);
    }
}
