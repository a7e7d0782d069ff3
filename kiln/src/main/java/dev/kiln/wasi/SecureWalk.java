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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Opens what {@link Sandbox#resolve} found without giving the host a path to follow: where the
 * platform has a {@link SecureDirectoryStream} (Linux and the BSDs: {@code openat}), each
 * directory on the way is opened relative to the previous one with {@code O_NOFOLLOW}, and the
 * file relative to the last. If a host process swapped a checked directory for a symbolic link
 * in between, the open fails ({@link Errno#LOOP}) instead of leaving the sandbox. Elsewhere it
 * falls back to opening the path, which is only as safe as the check before it.
 */
final class SecureWalk {

    private SecureWalk() {}

    /** Opens the file at {@code components} below {@code root} with {@code options}. */
    static FileChannel openFile(Path root, List<String> components, Set<OpenOption> options) throws IOException {
        SecureDirectoryStream<Path> parent = openDirectory(root, components.subList(0, components.size() - 1));
        if (parent == null) {
            return FileChannel.open(hostPath(root, components), options);
        }
        try (parent) {
            SeekableByteChannel channel = parent.newByteChannel(root.getFileSystem().getPath(components.getLast()),
                    options);
            if (channel instanceof FileChannel file) {
                return file;
            }
            channel.close();
            return FileChannel.open(hostPath(root, components), options);
        }
    }

    /** The names in the directory at {@code components} below {@code root}, read through the same walk. */
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
