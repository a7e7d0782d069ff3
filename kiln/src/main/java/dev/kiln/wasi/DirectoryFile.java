package dev.kiln.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory descriptor: a preopen or a directory opened with {@code path_open}. It is a
 * position in a {@link Sandbox} (components below its root) plus the directory's identity
 * ({@link Sandbox#directoryKey}), which
 * every lookup through it checks, so a descriptor never silently follows its name to another
 * directory.
 */
final class DirectoryFile extends OpenFile {

    /** {@code dirent}: {@code {u64 d_next; u64 d_ino; u32 d_namlen; u8 d_type}}, padded to 24 bytes. */
    static final int DIRENT_SIZE = 24;

    private final Sandbox sandbox;
    private final List<String> components;
    private final Object fileKey;
    private final boolean preopen;
    private int fdFlags;
    /** The listing {@code fd_readdir} serves cookies from; taken afresh at cookie 0. */
    private List<Entry> listing;

    DirectoryFile(Sandbox sandbox, List<String> components, Object fileKey, boolean preopen, long rightsBase,
                  long rightsInheriting) {
        super(rightsBase, rightsInheriting);
        this.sandbox = sandbox;
        this.components = List.copyOf(components);
        this.fileKey = fileKey;
        this.preopen = preopen;
    }

    /** A preopen's root directory, with every directory right. */
    static DirectoryFile preopen(Sandbox sandbox) {
        return new DirectoryFile(sandbox, List.of(), sandbox.rootKey(), true, Rights.DIRECTORY,
                Rights.DIRECTORY_INHERITING);
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** Whether this is the descriptor a preopen started as, which {@code fd_prestat_get} describes. */
    boolean isPreopen() {
        return preopen;
    }

    /** Resolves {@code path} relative to this directory, see {@link Sandbox#resolve}. */
    Sandbox.Resolved resolve(String path, boolean followFinal) {
        return sandbox.resolve(components, fileKey, path, followFinal);
    }

    List<String> components() {
        return components;
    }

    @Override
    int fileType() {
        return FileType.DIRECTORY;
    }

    @Override
    int fdFlags() {
        return fdFlags;
    }

    /** Directories have no use for the flags but keep them, as a POSIX descriptor would. */
    @Override
    void setFdFlags(int flags) {
        fdFlags = flags;
    }

    @Override
    long read(ByteBuffer[] targets) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    long write(ByteBuffer[] sources) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    long pread(ByteBuffer[] targets, long offset) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    long pwrite(ByteBuffer[] sources, long offset) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    long seek(long offset, int whence) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    void allocate(long offset, long length) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    void setSize(long size) {
        throw new ErrnoException(Errno.ISDIR);
    }

    @Override
    Filestat filestat() {
        return resolve(".", false).stat();
    }

    @Override
    void setTimes(long atim, long mtim, int fstFlags, long now) throws IOException {
        Filestat.checkTimeFlags(fstFlags);
        sandbox.checkWritable();
        sandbox.files().setTimes(resolve(".", false), atim, mtim, fstFlags, now);
    }

    /** A directory's contents are on disk once its operations return; nothing to force from Java. */
    @Override
    void sync(boolean metadata) {
        resolve(".", false); // still the directory opened, or an error
    }

    /**
     * {@code fd_readdir(fd, buf, buf_len, cookie, bufused_ptr)}: the entries from number
     * {@code cookie} on, {@code .} and {@code ..} first, then the names in sorted order, each a
     * {@value #DIRENT_SIZE}-byte {@code dirent} followed by its name (no NUL). The last entry is
     * cut at the end of the buffer; a full buffer tells the guest to ask again from the last
     * complete entry's {@code d_next}. {@code ..} of a preopen's root reports the root's own inode,
     * so nothing about the host above it shows.
     */
    int readdir(GuestMemory memory, long buffer, long bufferLength, long cookie) throws IOException {
        memory.check(buffer, bufferLength);
        if (cookie == 0 || listing == null) {
            listing = list();
        }
        long used = 0;
        for (long i = cookie; i >= 0 && i < listing.size() && used < bufferLength; i++) {
            Entry entry = listing.get((int) i);
            byte[] record = new byte[DIRENT_SIZE + entry.name.length];
            putLong(record, 0, i + 1);
            putLong(record, 8, entry.ino);
            putLong(record, 16, entry.name.length); // d_namlen (u32), then d_type and padding
            record[16 + 4] = (byte) entry.type;
            record[16 + 5] = 0;
            record[16 + 6] = 0;
            record[16 + 7] = 0;
            System.arraycopy(entry.name, 0, record, DIRENT_SIZE, entry.name.length);
            int n = (int) Math.min(record.length, bufferLength - used);
            memory.write(buffer + used, record, 0, n);
            used += n;
        }
        return (int) used;
    }

    private record Entry(byte[] name, long ino, int type) {}

    private List<Entry> list() throws IOException {
        Sandbox.Resolved above = components.isEmpty() ? null
                : sandbox.resolve(components.subList(0, components.size() - 1), null, ".", false);
        Sandbox.Resolved here = resolve(".", false); // the last lookup: calls on it come next
        long self = here.stat().ino();
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(".".getBytes(StandardCharsets.UTF_8), self, FileType.DIRECTORY));
        entries.add(new Entry("..".getBytes(StandardCharsets.UTF_8), above == null ? self : above.stat().ino(),
                FileType.DIRECTORY));
        sandbox.files().list(here).forEach((name, stat) ->
                entries.add(new Entry(name.getBytes(StandardCharsets.UTF_8), stat.ino(), stat.filetype())));
        return entries;
    }

    private static void putLong(byte[] target, int at, long value) {
        for (int i = 0; i < 8; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
