package dev.kiln.internal.nativecode;

import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library's file calls relative to a directory descriptor ({@code openat},
 * {@code fstatat}, {@code mkdirat}, ...), for a sandbox that resolves paths one component at a
 * time and must never let the kernel follow a link it has not checked.
 *
 * <p>Every call returns what the C function returns, or {@code -errno} (Linux's numbers) when it
 * fails, read from the {@code state} segment the caller passes, of
 * {@link #callStateLayout()}: the JDK captures {@code errno} right after the call
 * ({@link Linker.Option#captureCallState}), before the JVM itself could change it. Paths and
 * buffers are native segments the caller keeps alive for the call (its own confined arena), passed
 * by address so every call has {@link Downcalls}' one errno-capturing shape, which the runtime
 * links anyway for {@link Libc}: these handles cost a bound method handle each (0.1-0.2 ms to
 * make), linked in three groups when first needed: lookups, changes to the tree, file I/O. The
 * constants are Linux x86-64's, which {@link #isAvailable()} requires.
 */
public final class FileCalls {

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_TRUNC = 01000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    /** A descriptor that only names the file (for {@code *at} calls and {@code fstat}), without read access. */
    public static final int O_PATH = 010000000;

    /** {@code struct timespec}'s {@code tv_nsec} that leaves a time unchanged in {@code utimensat}. */
    public static final long UTIME_OMIT = (1L << 30) - 2;

    public static final int ENOENT = 2;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private FileCalls() {}

    /** Whether these calls can be made: Linux on x86-64, native access, a working linker. */
    public static boolean isAvailable() {
        return NativeSupport.canMapMemory();
    }

    /** The layout of the segment every call's {@code errno} is captured in. */
    public static MemoryLayout callStateLayout() {
        return CALL_STATE;
    }

    /** {@code openat(dirfd, path, flags, mode)}: a new descriptor. */
    public static int openat(MemorySegment state, int dirfd, MemorySegment path, int flags, int mode) {
        return intResult(state, call(Handles.OPENAT, state, dirfd, path.address(), flags, mode, 0, 0));
    }

    /** {@code fstatat(dirfd, path, stat, flags)}: fills {@code stat}, a {@link StructStat}. */
    public static int fstatat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment stat, int flags) {
        return intResult(state, call(Handles.FSTATAT, state, dirfd, path.address(), stat.address(), flags, 0, 0));
    }

    /** {@code mkdirat(dirfd, path, mode)}. */
    public static int mkdirat(MemorySegment state, int dirfd, MemorySegment path, int mode) {
        return intResult(state, call(ChangeHandles.MKDIRAT, state, dirfd, path.address(), mode, 0, 0, 0));
    }

    /** {@code unlinkat(dirfd, path, flags)}. */
    public static int unlinkat(MemorySegment state, int dirfd, MemorySegment path, int flags) {
        return intResult(state, call(ChangeHandles.UNLINKAT, state, dirfd, path.address(), flags, 0, 0, 0));
    }

    /** {@code renameat(olddirfd, oldpath, newdirfd, newpath)}. */
    public static int renameat(MemorySegment state, int fromDir, MemorySegment from, int toDir, MemorySegment to) {
        return intResult(state, call(ChangeHandles.RENAMEAT, state, fromDir, from.address(), toDir, to.address(), 0, 0));
    }

    /** {@code linkat(olddirfd, oldpath, newdirfd, newpath, flags)}. */
    public static int linkat(MemorySegment state, int fromDir, MemorySegment from, int toDir, MemorySegment to,
                             int flags) {
        return intResult(state, call(ChangeHandles.LINKAT, state, fromDir, from.address(), toDir, to.address(), flags, 0));
    }

    /** {@code symlinkat(target, newdirfd, linkpath)}. */
    public static int symlinkat(MemorySegment state, MemorySegment target, int dirfd, MemorySegment path) {
        return intResult(state, call(ChangeHandles.SYMLINKAT, state, target.address(), dirfd, path.address(), 0, 0, 0));
    }

    /** {@code readlinkat(dirfd, path, buffer, buffer's size)}: the bytes placed, no NUL. */
    public static long readlinkat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment buffer) {
        return longResult(state,
                call(Handles.READLINKAT, state, dirfd, path.address(), buffer.address(), buffer.byteSize(), 0, 0));
    }

    /**
     * {@code utimensat(dirfd, path, times, flags)}: {@code times} holds two
     * {@code struct timespec {i64 tv_sec; i64 tv_nsec}}, access then modification.
     */
    public static int utimensat(MemorySegment state, int dirfd, MemorySegment path, MemorySegment times, int flags) {
        return intResult(state, call(ChangeHandles.UTIMENSAT, state, dirfd, path.address(), times.address(), flags, 0, 0));
    }

    /** {@code readv(fd, iov, count)}: {@code iov} holds {@code count} {@code struct iovec {void *base; size_t len}}. */
    public static long readv(MemorySegment state, int fd, MemorySegment iov, int count) {
        return longResult(state, call(IoHandles.READV, state, fd, iov.address(), count, 0, 0, 0));
    }

    /** {@code writev(fd, iov, count)}. */
    public static long writev(MemorySegment state, int fd, MemorySegment iov, int count) {
        return longResult(state, call(IoHandles.WRITEV, state, fd, iov.address(), count, 0, 0, 0));
    }

    /** {@code preadv(fd, iov, count, offset)}. */
    public static long preadv(MemorySegment state, int fd, MemorySegment iov, int count, long offset) {
        return longResult(state, call(IoHandles.PREADV, state, fd, iov.address(), count, offset, 0, 0));
    }

    /** {@code pwritev(fd, iov, count, offset)}. */
    public static long pwritev(MemorySegment state, int fd, MemorySegment iov, int count, long offset) {
        return longResult(state, call(IoHandles.PWRITEV, state, fd, iov.address(), count, offset, 0, 0));
    }

    /** {@code lseek(fd, offset, whence)}: the new offset. */
    public static long lseek(MemorySegment state, int fd, long offset, int whence) {
        return longResult(state, call(IoHandles.LSEEK, state, fd, offset, whence, 0, 0, 0));
    }

    /** {@code ftruncate(fd, length)}: shortens the file or extends it with zeros. */
    public static int ftruncate(MemorySegment state, int fd, long length) {
        return intResult(state, call(IoHandles.FTRUNCATE, state, fd, length, 0, 0, 0, 0));
    }

    /** {@code fsync(fd)}, or {@code fdatasync(fd)} without {@code metadata}. */
    public static int fsync(MemorySegment state, int fd, boolean metadata) {
        return intResult(state, call(metadata ? IoHandles.FSYNC : IoHandles.FDATASYNC, state, fd, 0, 0, 0, 0, 0));
    }

    /** {@code close(fd)}. */
    public static int close(MemorySegment state, int fd) {
        return intResult(state, call(Handles.CLOSE, state, fd, 0, 0, 0, 0, 0));
    }

    private static long call(MethodHandle handle, MemorySegment state, long a, long b, long c, long d, long e,
                             long f) {
        try {
            return (long) handle.invokeExact(state, a, b, c, d, e, f);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable t) {
            throw new IllegalStateException("file call failed", t);
        }
    }

    /** An {@code int} result: the upper half of RAX is undefined (see {@link Downcalls}). */
    private static int intResult(MemorySegment state, long raw) {
        int result = (int) raw;
        return result == -1 ? -errno(state) : result;
    }

    /** A {@code ssize_t} or {@code off_t} result. */
    private static long longResult(MemorySegment state, long result) {
        return result == -1 ? -errno(state) : result;
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** What a lookup needs, linked when the first preopen is opened. */
    private static final class Handles {
        static final MethodHandle OPENAT = Downcalls.toLibc("openat");
        static final MethodHandle FSTATAT = Downcalls.toLibc("fstatat");
        static final MethodHandle READLINKAT = Downcalls.toLibc("readlinkat");
        static final MethodHandle CLOSE = Downcalls.toLibc("close");
    }

    /** Linked when a program first changes the tree: each handle costs 0.1-0.2 ms to make. */
    private static final class ChangeHandles {
        static final MethodHandle MKDIRAT = Downcalls.toLibc("mkdirat");
        static final MethodHandle UNLINKAT = Downcalls.toLibc("unlinkat");
        static final MethodHandle RENAMEAT = Downcalls.toLibc("renameat");
        static final MethodHandle LINKAT = Downcalls.toLibc("linkat");
        static final MethodHandle SYMLINKAT = Downcalls.toLibc("symlinkat");
        static final MethodHandle UTIMENSAT = Downcalls.toLibc("utimensat");
    }

    /** Linked when a program first opens a regular file: a program that opens none does not pay for them. */
    private static final class IoHandles {
        static final MethodHandle READV = Downcalls.toLibc("readv");
        static final MethodHandle WRITEV = Downcalls.toLibc("writev");
        static final MethodHandle PREADV = Downcalls.toLibc("preadv");
        static final MethodHandle PWRITEV = Downcalls.toLibc("pwritev");
        static final MethodHandle LSEEK = Downcalls.toLibc("lseek");
        static final MethodHandle FTRUNCATE = Downcalls.toLibc("ftruncate");
        static final MethodHandle FSYNC = Downcalls.toLibc("fsync");
        static final MethodHandle FDATASYNC = Downcalls.toLibc("fdatasync");
    }
}
