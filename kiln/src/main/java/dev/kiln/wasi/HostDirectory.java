package dev.kiln.wasi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * A directory {@link DescriptorFiles} holds open: an {@code O_PATH} descriptor that lookups walk
 * on from and calls are made relative to, and its identity. Java's directory streams over it,
 * for listing, are made through {@code /proc/self/fd/N} ({@link #openStream}).
 */
final class HostDirectory {

    private final int fd;
    private final Inode inode;

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

    /** A new stream over this directory, for the caller to list and close. */
    SecureDirectoryStream<Path> openStream() throws IOException {
        DirectoryStream<Path> opened = Files.newDirectoryStream(Path.of(procPath(fd)));
        if (opened instanceof SecureDirectoryStream<Path> secure) {
            return secure;
        }
        opened.close();
        throw new IOException("no secure directory stream on this platform");
    }

    /** Closes the descriptor. */
    void close(DirectoryCalls calls) {
        calls.close(fd);
    }
}
