package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

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

    private final TreeMap<Integer, OpenFile> files = new TreeMap<>();
    /** Every preopen's sandbox: shared by all descriptors opened beneath it, closed with the table. */
    private final List<Sandbox> sandboxes = new ArrayList<>();

    /**
     * @throws UncheckedIOException if a listener cannot be made non-blocking (it is closed)
     */
    FdTable(WasiConfig config, Waiter waiter) {
        files.put(0, StdioFile.input(config.stdin()));
        files.put(1, StdioFile.output(config.stdout()));
        files.put(2, StdioFile.output(config.stderr()));
        for (WasiPreopen preopen : config.preopens()) {
            Sandbox sandbox = Sandbox.of(preopen);
            sandboxes.add(sandbox);
            files.put(files.size(), DirectoryFile.preopen(sandbox));
        }
        for (ServerSocketChannel listener : config.listeners()) {
            try {
                files.put(files.size(), new ListenerFile(listener, waiter));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use listener " + listener, e);
            }
        }
    }

    /** The file open as {@code fd}, or {@link Errno#BADF}. */
    OpenFile get(int fd) {
        OpenFile file = files.get(fd);
        if (file == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return file;
    }

    /** The file open as {@code fd}, or {@code null}. */
    OpenFile getOrNull(int fd) {
        return files.get(fd);
    }

    /** Puts {@code file} under the lowest free descriptor and returns it. */
    int add(OpenFile file) {
        if (files.size() >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
        int fd = 0;
        for (int used : files.keySet()) {
            if (used != fd) {
                break;
            }
            fd++;
        }
        files.put(fd, file);
        return fd;
    }

    /** Whether a descriptor can be added without {@link Errno#MFILE}. */
    void checkRoom() {
        if (files.size() >= MAX_OPEN) {
            throw new ErrnoException(Errno.MFILE);
        }
    }

    /** Removes {@code fd} from the table and returns what it referred to, or {@link Errno#BADF}. */
    OpenFile remove(int fd) {
        OpenFile file = get(fd);
        files.remove(fd);
        return file;
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
        files.remove(from);
        files.put(to, moving);
        replaced.close();
    }

    /** Closes every descriptor and the sandboxes, the first failure rethrown after all are closed. */
    void closeAll() throws IOException {
        List<Closeable> open = new ArrayList<>();
        for (OpenFile file : files.values()) {
            open.add(file::close);
        }
        open.addAll(sandboxes);
        files.clear();
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
