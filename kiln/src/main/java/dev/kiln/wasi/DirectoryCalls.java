package dev.kiln.wasi;

import dev.kiln.internal.nativecode.FileCalls;
import dev.kiln.internal.nativecode.StructStat;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@link FileCalls} in the sandbox's terms, for {@link DescriptorFiles}: names are Java strings
 * (encoded as the JVM encodes file names, so both {@link HostFiles} see the same names), failures
 * are {@link ErrnoException}s with preview1's errno.
 *
 * <p>The native memory the calls need (the errno capture, a {@code struct stat}, two paths) is
 * one block per thread ({@link #ofThisThread()}), made at the thread's first call and freed by the
 * collector after the thread ends: a lookup allocates no native memory, and no two threads ever
 * share a buffer. A method's result never points into the block and the methods never call one
 * another, so each is done with the buffers when it returns.
 */
final class DirectoryCalls {

    /** What the JVM encodes host file names with (rule 8 of the sandbox in docs/wasi.md). */
    private static final Charset HOST_NAMES = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    /** Linux's {@code PATH_MAX}, with its NUL: the longest path or link target a call takes. */
    private static final int PATH_MAX = 4096;
    private static final int FILE_MODE = 0666;
    private static final int DIRECTORY_MODE = 0777;
    private static final int WALK_FLAGS = FileCalls.O_PATH | FileCalls.O_DIRECTORY | FileCalls.O_NOFOLLOW
            | FileCalls.O_CLOEXEC;
    private static final MemorySegment EMPTY_NAME = Arena.global().allocate(1);
    private static final long IOVEC_SIZE = 16;

    private static final ThreadLocal<DirectoryCalls> PER_THREAD = ThreadLocal.withInitial(DirectoryCalls::new);

    private final MemorySegment state;
    private final MemorySegment stat;
    private final MemorySegment times;
    private final MemorySegment first;
    private final MemorySegment second;
    /** {@link #stat} copied out, for reading its fields. */
    private final long[] statWords = new long[StructStat.WORDS];
    /** Room for the most {@code struct iovec {void *base; size_t len}} one transfer passes. */
    private final MemorySegment vectors;

    private DirectoryCalls() {
        long stateSize = FileCalls.callStateLayout().byteSize();
        long stateRoom = (stateSize + 15) & -16;
        long vectorsSize = IOVEC_SIZE * IovecArray.MAX_BUFFERS;
        MemorySegment block = Arena.ofAuto().allocate(stateRoom + StructStat.SIZE + 32 + 2L * PATH_MAX + vectorsSize,
                16);
        state = block.asSlice(0, stateSize);
        stat = block.asSlice(stateRoom, StructStat.SIZE);
        times = block.asSlice(stateRoom + StructStat.SIZE, 32);
        first = block.asSlice(stateRoom + StructStat.SIZE + 32, PATH_MAX);
        second = block.asSlice(stateRoom + StructStat.SIZE + 32 + PATH_MAX, PATH_MAX);
        vectors = block.asSlice(stateRoom + StructStat.SIZE + 32 + 2L * PATH_MAX, vectorsSize);
    }

    /** The calling thread's calls. */
    static DirectoryCalls ofThisThread() {
        return PER_THREAD.get();
    }

    /** {@code fstatat(directory, name, AT_SYMLINK_NOFOLLOW)}; {@code null} if nothing is there. */
    Filestat statOrNull(int directory, String name) {
        int result = FileCalls.fstatat(state, directory, cString(first, name), stat, FileCalls.AT_SYMLINK_NOFOLLOW);
        if (result == -FileCalls.ENOENT) {
            return null;
        }
        check(result);
        return filestat();
    }

    /** The status of the open file {@code fd} itself ({@code AT_EMPTY_PATH}). */
    Filestat statOf(int fd) {
        check(FileCalls.fstatat(state, fd, EMPTY_NAME, stat, FileCalls.AT_EMPTY_PATH));
        return filestat();
    }

    private Filestat filestat() {
        StructStat.copy(stat, statWords);
        return new Filestat(StructStat.dev(statWords), StructStat.ino(statWords),
                FileType.ofMode(StructStat.mode(statWords)), StructStat.nlink(statWords), StructStat.size(statWords),
                StructStat.atimNanos(statWords), StructStat.mtimNanos(statWords), StructStat.ctimNanos(statWords));
    }

    /**
     * Opens the directory {@code name} in {@code directory} to walk on from ({@code O_PATH}):
     * nothing but a directory, never a link ({@code O_NOFOLLOW} with {@code O_PATH} opens a link
     * itself, which {@code O_DIRECTORY} then refuses: both are {@link Errno#NOTDIR}).
     */
    int openDirectory(int directory, String name) {
        return check(FileCalls.openat(state, directory, cString(first, name), WALK_FLAGS, 0));
    }

    /**
     * Opens the regular file {@code name} in {@code directory} with {@code flags}
     * ({@code O_NOFOLLOW} among them, so a link put there since the lookup is not followed) for
     * {@link DescriptorFileIo}.
     */
    int openFile(int directory, String name, int flags) {
        return check(FileCalls.openat(state, directory, cString(first, name), flags | FileCalls.O_CLOEXEC, FILE_MODE));
    }

    /** The size of the open file {@code fd}. */
    long sizeOf(int fd) {
        check(FileCalls.fstatat(state, fd, EMPTY_NAME, stat, FileCalls.AT_EMPTY_PATH));
        StructStat.copy(stat, statWords);
        return StructStat.size(statWords);
    }

    /**
     * One {@code readv} (or {@code preadv} at {@code offset} when it is not negative) into what
     * remains of {@code targets}, direct buffers; advances their positions by what it read.
     */
    long read(int fd, ByteBuffer[] targets, long offset) {
        int count = putVectors(targets);
        long n = offset < 0 ? FileCalls.readv(state, fd, vectors, count)
                : FileCalls.preadv(state, fd, vectors, count, offset);
        return advance(targets, checkLong(n));
    }

    /** One {@code writev} (or {@code pwritev} at {@code offset} when it is not negative) of {@code sources}. */
    long write(int fd, ByteBuffer[] sources, long offset) {
        int count = putVectors(sources);
        long n = offset < 0 ? FileCalls.writev(state, fd, vectors, count)
                : FileCalls.pwritev(state, fd, vectors, count, offset);
        return advance(sources, checkLong(n));
    }

    /** {@code lseek(fd, offset, whence)}: the new position. */
    long seek(int fd, long offset, int whence) {
        return checkLong(FileCalls.lseek(state, fd, offset, whence));
    }

    /** {@code ftruncate(fd, size)}. */
    void setSize(int fd, long size) {
        check(FileCalls.ftruncate(state, fd, size));
    }

    /** {@code fsync(fd)}, or {@code fdatasync(fd)} without {@code metadata}. */
    void sync(int fd, boolean metadata) {
        check(FileCalls.fsync(state, fd, metadata));
    }

    private int putVectors(ByteBuffer[] buffers) {
        for (int i = 0; i < buffers.length; i++) {
            ByteBuffer buffer = buffers[i];
            vectors.set(ValueLayout.JAVA_LONG, i * IOVEC_SIZE, MemorySegment.ofBuffer(buffer).address());
            vectors.set(ValueLayout.JAVA_LONG, i * IOVEC_SIZE + 8, buffer.remaining());
        }
        return buffers.length;
    }

    /** Moves the buffers' positions past the {@code n} bytes a call moved; returns {@code n}. */
    private static long advance(ByteBuffer[] buffers, long n) {
        long left = n;
        for (int i = 0; i < buffers.length && left > 0; i++) {
            ByteBuffer buffer = buffers[i];
            int step = (int) Math.min(left, buffer.remaining());
            buffer.position(buffer.position() + step);
            left -= step;
        }
        return n;
    }

    /** Opens the sandbox's root, the embedder's directory, for the sandbox's life. */
    int openRoot(Path root) {
        return check(FileCalls.openat(state, FileCalls.AT_FDCWD, cString(first, root.toString()),
                FileCalls.O_PATH | FileCalls.O_DIRECTORY | FileCalls.O_CLOEXEC, 0));
    }

    /** The target of the link {@code name} in {@code directory}. */
    String readLink(int directory, String name) {
        long n = FileCalls.readlinkat(state, directory, cString(first, name), second);
        if (n < 0) {
            throw new ErrnoException(HostErrors.ofLinux((int) -n));
        }
        if (n == second.byteSize()) {
            throw new ErrnoException(Errno.NAMETOOLONG); // cut: longer than any path a call could take
        }
        return new String(second.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), HOST_NAMES);
    }

    void createDirectory(int directory, String name) {
        check(FileCalls.mkdirat(state, directory, cString(first, name), DIRECTORY_MODE));
    }

    /** {@code unlinkat}: the file or link {@code name}, or with {@code directory} the empty directory. */
    void remove(int parent, String name, boolean directory) {
        check(FileCalls.unlinkat(state, parent, cString(first, name), directory ? FileCalls.AT_REMOVEDIR : 0));
    }

    void rename(int fromDirectory, String from, int toDirectory, String to) {
        check(FileCalls.renameat(state, fromDirectory, cString(first, from), toDirectory, cString(second, to)));
    }

    /** {@code linkat} without {@code AT_SYMLINK_FOLLOW}: a link as the source is linked itself. */
    void link(int fromDirectory, String from, int toDirectory, String to) {
        check(FileCalls.linkat(state, fromDirectory, cString(first, from), toDirectory, cString(second, to), 0));
    }

    void symlink(String target, int directory, String name) {
        check(FileCalls.symlinkat(state, cString(second, target), directory, cString(first, name)));
    }

    /**
     * {@code utimensat(directory, name, AT_SYMLINK_NOFOLLOW)}, or of {@code directory} itself when
     * {@code name} is {@code null}; a time of {@code null} stays as it is.
     */
    void setTimes(int directory, String name, Long atim, Long mtim) {
        putTime(0, atim);
        putTime(16, mtim);
        if (name == null) {
            // utimensat takes no AT_EMPTY_PATH, and an O_PATH descriptor cannot be futimens'd:
            // /proc's link to the descriptor names exactly the directory it holds.
            check(FileCalls.utimensat(state, FileCalls.AT_FDCWD, cString(first, HostDirectory.procPath(directory)),
                    times, 0));
        } else {
            check(FileCalls.utimensat(state, directory, cString(first, name), times, FileCalls.AT_SYMLINK_NOFOLLOW));
        }
    }

    private void putTime(long offset, Long nanos) {
        times.set(ValueLayout.JAVA_LONG, offset, nanos == null ? 0 : Math.floorDiv(nanos, 1_000_000_000L));
        times.set(ValueLayout.JAVA_LONG, offset + 8,
                nanos == null ? FileCalls.UTIME_OMIT : Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Closes {@code fd}; a failure is ignored, since the descriptor is gone either way (Linux). */
    void close(int fd) {
        FileCalls.close(state, fd);
    }

    /** {@code text} as a NUL-terminated C string in {@code buffer}. */
    private static MemorySegment cString(MemorySegment buffer, String text) {
        byte[] bytes = text.getBytes(HOST_NAMES);
        if (!HOST_NAMES.equals(StandardCharsets.UTF_8) && !new String(bytes, HOST_NAMES).equals(text)) {
            throw new ErrnoException(Errno.ILSEQ); // a name the host's encoding cannot hold
        }
        if (bytes.length >= buffer.byteSize()) {
            throw new ErrnoException(Errno.NAMETOOLONG);
        }
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        buffer.set(ValueLayout.JAVA_BYTE, bytes.length, (byte) 0);
        return buffer;
    }

    private static long checkLong(long result) {
        if (result < 0) {
            throw new ErrnoException(HostErrors.ofLinux((int) -result));
        }
        return result;
    }

    private static int check(int result) {
        if (result < 0) {
            throw new ErrnoException(HostErrors.ofLinux(-result));
        }
        return result;
    }
}
