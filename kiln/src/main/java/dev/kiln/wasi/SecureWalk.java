package dev.kiln.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens, lists, removes and renames what {@link Sandbox#resolve} found without giving the host a
 * path to follow: where the platform has a {@link SecureDirectoryStream} (Linux and the BSDs:
 * {@code openat}), each directory on the way is opened relative to the previous one with
 * {@code O_NOFOLLOW}, and the file is opened, unlinked ({@code unlinkat}) or renamed
 * ({@code renameat}) relative to the last. If a host process swapped a checked directory for a
 * symbolic link in between, the operation fails ({@link Errno#LOOP} or {@link Errno#NOTDIR})
 * instead of leaving the sandbox. Elsewhere it falls back to the path, which is only as safe as
 * the check before it. Java has no {@code mkdirat}, {@code linkat}, {@code symlinkat} or
 * {@code fstatat}, so creating directories and links and reading status use the checked path.
 *
 * <p>Every {@code components} list but {@link #list}'s names something below the root: it is never
 * empty.
 */
final class SecureWalk {

    private SecureWalk() {}

    /** Opens the file at {@code components} below {@code root} with {@code options}. */
    static FileChannel openFile(Path root, List<String> components, Set<OpenOption> options) throws IOException {
        SecureDirectoryStream<Path> parent = openDirectory(root, parentOf(components));
        if (parent == null) {
            return FileChannel.open(hostPath(root, components), options);
        }
        try (parent) {
            SeekableByteChannel channel = parent.newByteChannel(name(root, components), options);
            if (channel instanceof FileChannel file) {
                return file;
            }
            channel.close();
            return FileChannel.open(hostPath(root, components), options);
        }
    }

    /** {@code unlinkat}: removes the file or link (never a directory) at {@code components} below {@code root}. */
    static void deleteFile(Path root, List<String> components) throws IOException {
        SecureDirectoryStream<Path> parent = openDirectory(root, parentOf(components));
        if (parent == null) {
            Files.delete(hostPath(root, components));
            return;
        }
        try (parent) {
            parent.deleteFile(name(root, components));
        }
    }

    /** {@code unlinkat(AT_REMOVEDIR)}: removes the empty directory at {@code components} below {@code root}. */
    static void deleteDirectory(Path root, List<String> components) throws IOException {
        SecureDirectoryStream<Path> parent = openDirectory(root, parentOf(components));
        if (parent == null) {
            Files.delete(hostPath(root, components));
            return;
        }
        try (parent) {
            parent.deleteDirectory(name(root, components));
        }
    }

    /**
     * {@code renameat}: moves {@code from} below {@code fromRoot} to {@code to} below
     * {@code toRoot}, replacing what is there as {@code rename(2)} does; across file systems
     * {@link java.nio.file.AtomicMoveNotSupportedException}.
     */
    static void rename(Path fromRoot, List<String> from, Path toRoot, List<String> to) throws IOException {
        SecureDirectoryStream<Path> source = openDirectory(fromRoot, parentOf(from));
        if (source == null) {
            Files.move(hostPath(fromRoot, from), hostPath(toRoot, to), StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        try (source; SecureDirectoryStream<Path> target = openDirectory(toRoot, parentOf(to))) {
            source.move(name(fromRoot, from), target, name(toRoot, to));
        }
    }

    private static List<String> parentOf(List<String> components) {
        return components.subList(0, components.size() - 1);
    }

    private static Path name(Path root, List<String> components) {
        return root.getFileSystem().getPath(components.getLast());
    }

    /** The names in the directory at {@code components} below {@code root} (which may be empty: the root). */
    static List<String> list(Path root, List<String> components) throws IOException {
        List<String> names = new ArrayList<>();
        SecureDirectoryStream<Path> directory = openDirectory(root, components);
        try (DirectoryStream<Path> stream = directory != null ? directory
                : Files.newDirectoryStream(hostPath(root, components))) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * The directory at {@code components} below {@code root}, opened one component at a time
     * without following links; {@code null} if the platform has no secure directory streams.
     */
    private static SecureDirectoryStream<Path> openDirectory(Path root, List<String> components) throws IOException {
        DirectoryStream<Path> first = Files.newDirectoryStream(root);
        if (!(first instanceof SecureDirectoryStream<Path> current)) {
            first.close();
            return null;
        }
        try {
            for (String name : components) {
                SecureDirectoryStream<Path> next = current.newDirectoryStream(root.getFileSystem().getPath(name),
                        LinkOption.NOFOLLOW_LINKS);
                current.close();
                current = next;
            }
            return current;
        } catch (IOException | RuntimeException e) {
            current.close();
            throw e;
        }
    }

    private static Path hostPath(Path root, List<String> components) {
        Path path = root;
        for (String name : components) {
            path = path.resolve(name);
        }
        return path;
    }
}
