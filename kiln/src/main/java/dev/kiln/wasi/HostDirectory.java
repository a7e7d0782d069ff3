package dev.kiln.wasi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A directory {@link DescriptorFiles} holds open: an {@code O_PATH} descriptor that lookups walk
 * on from and calls are made relative to, and its identity. Java's directory streams over it,
 * for listing, are made through {@code /proc/self/fd/N} ({@link #openStream}); the root's own,
 * which {@link HostFiles#rootStream()} gives, when first asked for.
 */
final class HostDirectory {

    private final int fd;
    private final Inode inode;
    private SecureDirectoryStream<Path> stream;

    HostDirectory(int fd, Inode inode) {
        this.fd = fd;
        this.inode = inode;
    }

    int fd() {
        return fd;
    }

    Inode inode() {
        return inode;
    }

    /** Where Linux shows the process's descriptors, each as a link to the file it holds. */
    static final String PROC_DESCRIPTORS = "/proc/self/fd";

    /** {@code /proc}'s name for descriptor {@code fd}, which opens exactly the file it holds. */
    static String procPath(int fd) {
        return PROC_DESCRIPTORS + "/" + fd;
    }

    /**
     * This directory as a stream to open files in ({@code openat} relative to it), opened once
     * through {@link #procPath}; the directory owns it. Only the relative calls may be used: a
     * directory stream's iteration can be taken once.
     */
    SecureDirectoryStream<Path> stream() throws IOException {
        if (stream == null) {
            stream = openStream();
        }
        return stream;
    }

    /** A new stream over this directory, for the caller to list and close. */
    SecureDirectoryStream<Path> openStream() throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(Path.of(procPath(fd)));
        if (opened instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        opened.close();
        throw new IOException("no secure directory stream on this platform");
    }

    /** Closes the stream, if made, and the descriptor. */
    void close(DirectoryCalls calls) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // Only a descriptor already gone fails to close: there is nothing left to release.
            }
        }
        calls.close(fd);
    }
}
