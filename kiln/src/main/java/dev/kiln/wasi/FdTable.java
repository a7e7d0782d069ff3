package dev.kiln.wasi;

import java.util.HashMap;
import java.util.Map;

/**
 * The guest's file descriptors: small integers mapped to {@link OpenFile}s. Descriptors 0, 1
 * and 2 start as stdin, stdout and stderr. A closed or never-opened descriptor is
 * {@link Errno#BADF}.
 *
 * <p>Not thread-safe: like an {@link dev.kiln.Instance}, one guest thread uses it at a time.
 */
final class FdTable {

    private final Map<Integer, OpenFile> files = new HashMap<>();

    FdTable(WasiConfig config) {
        files.put(0, StdioFile.input(config.stdin()));
        files.put(1, StdioFile.output(config.stdout()));
        files.put(2, StdioFile.output(config.stderr()));
    }

    /** The file open as {@code fd}, or {@link Errno#BADF}. */
    OpenFile get(int fd) {
        OpenFile file = files.get(fd);
        if (file == null) {
            throw new ErrnoException(Errno.BADF);
        }
        return file;
    }

    /** Removes {@code fd} from the table and returns what it referred to, or {@link Errno#BADF}. */
    OpenFile remove(int fd) {
        OpenFile file = get(fd);
        files.remove(fd);
        return file;
    }
}
