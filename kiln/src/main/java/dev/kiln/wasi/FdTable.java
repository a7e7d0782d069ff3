package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's file descriptors: small integers mapped to {@link OpenFile}s. Descriptors 0, 1
 * and 2 start as stdin, stdout and stderr, the preopened directories follow from 3 in
 * configuration order, then the preopened listening sockets (as {@code wazero run -listen}). A
 * new descriptor gets the lowest free number, as in POSIX. A closed or never-opened descriptor is
 * {@link Errno#BADF}.
 *
 * <p>Not thread-safe: like an {@link dev.kiln.Instance}, one guest thread uses it at a time.
 */
final class FdTable {

    /** The most descriptors open at once; one more is {@link Errno#MFILE}, as with {@code RLIMIT_NOFILE}. */
    static final int MAX_OPEN = 16_384;

    /**
     * The open descriptors by number, {@code null} where none is: an array rather than a sorted
     * map, so a lookup boxes nothing and the lowest free number is a scan of a few slots.
     */
    private OpenFile[] files = new OpenFile[8];
    private int openCount;
    /** Every preopen's sandbox: shared by all descriptors opened beneath it, closed with the table. */
    private final List<Sandbox> sandboxes = new ArrayList<>();

    /**
     * @throws UncheckedIOException if a listener cannot be made non-blocking (it is closed)
     */
    FdTable(WasiConfig config, Waiter waiter) {
        put(0, StdioFile.input(config.stdin()));
        put(1, StdioFile.output(config.stdout()));
        put(2, StdioFile.output(config.stderr()));
        for (WasiPreopen preopen : config.preopens()) {
            Sandbox sandbox = Sandbox.of(preopen);
            sandboxes.add(sandbox);
            put(openCount, DirectoryFile.preopen(sandbox));
        }
        for (ServerSocketChannel listener : config.listeners()) {
            try {
                put(openCount, new ListenerFile(listener, waiter));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use listener " + listener, e);
            }
        }
    }

    /** The file open as {@code fd}, or {@link Errno#BADF}. */
    OpenFile get(int fd) {
        OpenFile file = getOrNull(fd);
        if (file == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return file;
    }

    /** The file open as {@code fd}, or {@code null}. */
    OpenFile getOrNull(int fd) {
        return fd >= 0 && fd < files.length ? files[fd] : null;
    }

    /** Puts {@code file} under the lowest free descriptor and returns it. */
    int add(OpenFile file) {
        checkRoom();
        int fd = 0;
        while (fd < files.length && files[fd] != null) {
            fd++;
        }
        put(fd, file);
        return fd;
    }

    /** Whether a descriptor can be added without {@link Errno#MFILE}. */
    void checkRoom() {
        if (openCount >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
    }

    /** Removes {@code fd} from the table and returns what it referred to, or {@link Errno#BADF}. */
    OpenFile remove(int fd) {
        OpenFile file = get(fd);
        files[fd] = null;
        openCount--;
        return file;
    }

    /** Puts {@code file} under {@code fd}, which is free, growing the table if needed. */
    private void put(int fd, OpenFile file) {
        if (fd >= files.length) {
            files = java.util.Arrays.copyOf(files, Math.max(fd + 1, 2 * files.length));
        }
        files[fd] = file;
        openCount++;
    }

    /**
     * {@code fd_renumber(from, to)}: {@code to} is closed and {@code from} takes its number.
     * Both must be open.
     */
    void renumber(int from, int to) throws IOException {
        OpenFile moving = get(from);
        OpenFile replaced = get(to);
        if (from == to) {
            return;
        }
        files[from] = null;
        files[to] = moving;
        openCount--;
        replaced.close();
    }

    /** Closes every descriptor and the sandboxes, the first failure rethrown after all are closed. */
    void closeAll() throws IOException {
        List<Closeable> open = new ArrayList<>();
        for (OpenFile file : files) {
            if (file != null) {
                open.add(file::close);
            }
        }
        open.addAll(sandboxes);
        java.util.Arrays.fill(files, null);
        openCount = 0;
        sandboxes.clear();
        IOException failure = null;
        for (Closeable closeable : open) {
            try {
                closeable.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
