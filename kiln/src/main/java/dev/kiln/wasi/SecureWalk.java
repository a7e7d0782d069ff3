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
 * {@code O_NOFOLLOW}, starting from the sandbox's root (held open for the sandbox's life by
 * {@link PathFiles}, which passes it as {@code root}; {@code null} without such streams), and the file is opened, unlinked ({@code unlinkat}) or renamed
 * ({@code renameat}) relative to the last. If a host process swapped a checked directory for a
 * symbolic link in between, the operation fails ({@link Errno#LOOP} or {@link Errno#NOTDIR})
 * instead of leaving the sandbox. Elsewhere it falls back to the path, which is only as safe as
 * the check before it. Files are opened in directories the sandbox keeps open for the purpose
 * ({@link DirectoryHandles}) when the lookup has just seen that very directory at its path.
 * {@link PathFiles} uses it for all four.
 *
 * <p>Every {@code components} list but {@link #list}'s names something below the root: it is never
 * empty.
 */
final class SecureWalk {

    private SecureWalk() {}

    @FunctionalInterface
    private interface InDirectory<T> {
        T apply(SecureDirectoryStream<Path> directory, Path name) throws IOException;
    }

    /**
     * Runs {@code action} on the directory holding the last of {@code components} and that last
     * name; {@code null} if the platform has no secure directory streams.
     */
    private static <T> T inParent(Sandbox sandbox, SecureDirectoryStream<Path> root, List<String> components,
                                  InDirectory<T> action) throws IOException {
        if (root == null) {
            return null;
        }
        Path name = path(sandbox, components.getLast());
        List<String> parents = components.subList(0, components.size() - 1);
        if (parents.isEmpty()) {
            return action.apply(root, name); // the root stream stays open: it is the sandbox's
        }
        try (SecureDirectoryStream<Path> parent = descend(sandbox, root, parents)) {
            return action.apply(parent, name);
        }
    }

    /** Opens {@code components} below {@code from} one at a time, links not followed; the caller closes it. */
    private static SecureDirectoryStream<Path> descend(Sandbox sandbox, SecureDirectoryStream<Path> from,
                                                       List<String> components) throws IOException {
        SecureDirectoryStream<Path> current = from.newDirectoryStream(path(sandbox, components.getFirst()),
                LinkOption.NOFOLLOW_LINKS);
        try {
            for (String name : components.subList(1, components.size())) {
                SecureDirectoryStream<Path> next = current.newDirectoryStream(path(sandbox, name),
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

    /**
     * Opens the file {@code target} found with {@code options}, in its directory as the sandbox
     * holds it open ({@link DirectoryHandles}) when the lookup saw that directory.
     */
    static FileChannel openFile(Sandbox.Resolved target, SecureDirectoryStream<Path> root,
                                DirectoryHandles directories, Set<OpenOption> options) throws IOException {
        Sandbox sandbox = target.sandbox();
        List<String> components = target.components();
        InDirectory<FileChannel> open = (directory, name) -> {
            SeekableByteChannel opened = directory.newByteChannel(name, options);
            if (opened instanceof FileChannel file) {
                return file;
            }
            opened.close();
            return null;
        };
        FileChannel channel;
        if (root != null && target.parentKey() != null) {
            List<String> parents = target.parent();
            SecureDirectoryStream<Path> parent = directories.directory(parents, target.parentKey(),
                    () -> descend(sandbox, root, parents));
            channel = open.apply(parent, path(sandbox, components.getLast()));
        } else {
            channel = inParent(sandbox, root, components, open);
        }
        return channel != null ? channel : FileChannel.open(sandbox.host(components), options);
    }

    /** {@code unlinkat}: removes the file or link (never a directory) at {@code components}. */
    static void deleteFile(Sandbox sandbox, SecureDirectoryStream<Path> root, List<String> components)
            throws IOException {
        if (inParent(sandbox, root, components, (directory, name) -> {
            directory.deleteFile(name);
            return true;
        }) == null) {
            Files.delete(sandbox.host(components));
        }
    }

    /** {@code unlinkat(AT_REMOVEDIR)}: removes the empty directory at {@code components}. */
    static void deleteDirectory(Sandbox sandbox, SecureDirectoryStream<Path> root, List<String> components)
            throws IOException {
        if (inParent(sandbox, root, components, (directory, name) -> {
            directory.deleteDirectory(name);
            return true;
        }) == null) {
            Files.delete(sandbox.host(components));
        }
    }

    /**
     * {@code renameat}: moves {@code from} in {@code fromSandbox} to {@code to} in
     * {@code toSandbox}, replacing what is there as {@code rename(2)} does; across file systems
     * {@link java.nio.file.AtomicMoveNotSupportedException}.
     */
    static void rename(Sandbox fromSandbox, SecureDirectoryStream<Path> fromRoot, List<String> from,
                       Sandbox toSandbox, SecureDirectoryStream<Path> toRoot, List<String> to) throws IOException {
        Boolean moved = inParent(fromSandbox, fromRoot, from,
                (source, fromName) -> inParent(toSandbox, toRoot, to, (target, toName) -> {
                    source.move(fromName, target, toName);
                    return true;
                }));
        if (moved == null) {
            Files.move(fromSandbox.host(from), toSandbox.host(to), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** The names in the directory at {@code components} (empty: the root), read through the same walk. */
    static List<String> list(Sandbox sandbox, SecureDirectoryStream<Path> root, List<String> components)
            throws IOException {
        // A directory stream can be iterated once: the root's own stream is never the one listed.
        try (DirectoryStream<Path> stream = root == null ? Files.newDirectoryStream(sandbox.host(components))
                : components.isEmpty() ? root.newDirectoryStream(path(sandbox, "."), LinkOption.NOFOLLOW_LINKS)
                : descend(sandbox, root, components)) {
            List<String> names = new ArrayList<>();
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
            return names;
        }
    }

    private static Path path(Sandbox sandbox, String name) {
        return sandbox.root().getFileSystem().getPath(name);
    }
}
