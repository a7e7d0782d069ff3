package dev.kiln.internal.nativecode;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.function.LongPredicate;

/**
 * The three C library calls behind every page Kiln maps for native code: {@code mmap},
 * {@code mprotect} and {@code munmap}, with {@code errno} captured so a failure names its reason.
 *
 * <p>Every mapping comes back as a {@link MemorySegment} of exactly the mapped length, so Java
 * code that touches it is bounds-checked. The calls are short system calls but not
 * {@link Linker.Option#critical critical} ones: the kernel may block (page faults, lock
 * contention), and a critical downcall would hold GC safepoints meanwhile.
 *
 * <p>Only {@link NativeSupport} decides whether this class may be used: it requires Linux on
 * x86-64 with native access enabled, and the constants below are Linux x86-64's.
 */
final class Libc {

    static final int PROT_NONE = 0;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;

    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    /** Address space only: pages are committed when first touched, so a large stack costs nothing up front. */
    private static final int MAP_NORESERVE = 0x4000;

    /** The page size this code assumes; {@link NativeSupport} checks the kernel agrees. */
    static final long PAGE_SIZE = 4096;
    private static final int SC_PAGESIZE = 30;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // One shape for all four (Downcalls): the JDK links it once.
    private static final MethodHandle MMAP = Downcalls.toLibc("mmap");
    private static final MethodHandle MPROTECT = Downcalls.toLibc("mprotect");
    private static final MethodHandle MUNMAP = Downcalls.toLibc("munmap");
    private static final MethodHandle SYSCONF = Downcalls.toLibc("sysconf");

    private Libc() {}

    /** The kernel's page size. */
    static long sysconfPageSize() {
        return call("sysconf", result -> result == -1L,
                state -> (long) SYSCONF.invokeExact(state, (long) SC_PAGESIZE, 0L, 0L, 0L, 0L, 0L));
    }

    /**
     * Maps {@code length} bytes (a multiple of the page size) of fresh, zeroed, private memory
     * with the protection {@code prot}, and returns it as a segment of exactly that length.
     *
     * @throws NativeMemoryException when the kernel refuses
     */
    static MemorySegment map(long length, int prot) {
        checkPageMultiple(length);
        if (length == 0) {
            throw new IllegalArgumentException("empty mapping");
        }
        int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
        long address = call("mmap of " + length + " bytes", result -> result == -1L,
                state -> (long) MMAP.invokeExact(state, 0L, length, (long) prot, (long) flags, -1L, 0L));
        return MemorySegment.ofAddress(address).reinterpret(length);
    }

    /** Changes the protection of the whole of {@code pages}, which must be page-aligned. */
    static void protect(MemorySegment pages, int prot) {
        checkPageMultiple(pages.address());
        checkPageMultiple(pages.byteSize());
        long address = pages.address();
        long length = pages.byteSize();
        call("mprotect", result -> result != 0,
                state -> (int) (long) MPROTECT.invokeExact(state, address, length, (long) prot, 0L, 0L, 0L));
    }

    /** Unmaps the whole of a segment returned by {@link #map}. */
    static void unmap(MemorySegment mapping) {
        call("munmap", result -> result != 0,
                state -> (int) (long) MUNMAP.invokeExact(state, mapping.address(), mapping.byteSize(), 0L, 0L, 0L, 0L));
    }

    /** One of the calls above, given the segment that captures its {@code errno}. */
    @FunctionalInterface
    private interface Call {
        long invoke(MemorySegment state) throws Throwable;
    }

    /**
     * Makes {@code call} with a fresh errno capture and returns its result; a result that
     * {@code failed} accepts is a {@link NativeMemoryException} naming {@code what} and the errno.
     */
    private static long call(String what, LongPredicate failed, Call call) {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment state = scratch.allocate(CALL_STATE);
            long result = call.invoke(state);
            if (failed.test(result)) {
                throw new NativeMemoryException(what + " failed: errno " + errno(state));
            }
            return result;
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(what + " failed", t);
        }
    }

    /** {@code n} rounded up to a whole number of pages. */
    static long roundUpToPage(long n) {
        if (n < 0 || n > Long.MAX_VALUE - PAGE_SIZE) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return (n + PAGE_SIZE - 1) & -PAGE_SIZE;
    }

    private static void checkPageMultiple(long n) {
        if (n < 0 || (n & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("not a whole number of pages: " + n);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
