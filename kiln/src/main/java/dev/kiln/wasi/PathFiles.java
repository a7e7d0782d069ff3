package dev.kiln.wasi;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The pure-Java {@link HostFiles}, for platforms without {@link DescriptorFiles}: lookups read
 * each component's attributes by checked host path ({@code lstat}, never following a link);
 * opens, listings, unlinks and renames go through {@link SecureWalk} ({@code openat} with
 * {@code O_NOFOLLOW} from the held root, where the platform has {@link SecureDirectoryStream});
 * directories, links, status and times use the checked path itself, which only a concurrent host
 * process could race.
 */
final class PathFiles implements HostFiles {

    private final Path root;
    private final Object rootKey;
    /** The root directory, open for the sandbox's life; {@code null} without secure directory streams. */
    private final SecureDirectoryStream<Path> rootStream;
    /** Directories below the root held open for opening files in them, see {@link SecureWalk}. */
    private final DirectoryHandles directories = new DirectoryHandles();

    private PathFiles(Path root, Object rootKey, SecureDirectoryStream<Path> rootStream) {
        this.root = root;
        this.rootKey = rootKey;
        this.rootStream = rootStream;
    }

    /** Host files below the real directory {@code root}, held open where the platform allows. */
    static PathFiles open(Path root) throws IOException {
        Object key = fileKey(root);
        DirectoryStream<Path> stream = Files.newDirectoryStream(root);
        SecureDirectoryStream<Path> secure = stream instanceof SecureDirectoryStream<Path> s ? s : null;
        if (secure == null) {
            stream.close();
        }
        return new PathFiles(root, key, secure);
    }

    @Override
    public Sandbox.Cursor cursor() {
        return new PathCursor();
    }

    @Override
    public Object rootKey() {
        return rootKey;
    }

    @Override
    public Object directoryKey(Sandbox.Resolved directory) {
        return fileKey(directory.host());
    }

    @Override
    public FileIo openFile(Sandbox.Resolved target, Set<OpenOption> options) throws IOException {
        return new ChannelFileIo(SecureWalk.openFile(target, rootStream, directories, options));
    }

    @Override
    public Filestat stat(Sandbox.Resolved target) throws IOException {
        return Filestat.of(target.host());
    }

    @Override
    public void createDirectory(Sandbox.Resolved target) throws IOException {
        Files.createDirectory(target.host());
    }

    @Override
    public void deleteFile(Sandbox.Resolved target) throws IOException {
        SecureWalk.deleteFile(target.sandbox(), rootStream, target.components());
    }

    @Override
    public void deleteDirectory(Sandbox.Resolved target) throws IOException {
        SecureWalk.deleteDirectory(target.sandbox(), rootStream, target.components());
    }

    @Override
    public void rename(Sandbox.Resolved from, Sandbox.Resolved to) throws IOException {
        SecureWalk.rename(from.sandbox(), rootStream, from.components(), to.sandbox(), rootStreamOf(to.sandbox()),
                to.components());
    }

    /** The root stream of {@code sandbox}, another preopen's perhaps; {@code null} if it has none. */
    private static SecureDirectoryStream<Path> rootStreamOf(Sandbox sandbox) {
        return sandbox.files() instanceof PathFiles files ? files.rootStream : null;
    }

    @Override
    public void link(Sandbox.Resolved source, Sandbox.Resolved target) throws IOException {
        Files.createLink(target.host(), source.host());
    }

    @Override
    public void symlink(String target, Sandbox.Resolved link) throws IOException {
        Path stored;
        try {
            stored = root.getFileSystem().getPath(target);
        } catch (InvalidPathException e) {
            throw new ErrnoException(Errno.INVAL);
        }
        Files.createSymbolicLink(link.host(), stored);
    }

    @Override
    public SortedMap<String, Filestat> list(Sandbox.Resolved directory) throws IOException {
        Path host = directory.host();
        SortedMap<String, Filestat> entries = new TreeMap<>();
        for (String name : SecureWalk.list(directory.sandbox(), rootStream, directory.components())) {
            try {
                entries.put(name, Filestat.of(host.resolve(name)));
            } catch (IOException vanished) {
                // removed while listing
            }
        }
        return entries;
    }

    @Override
    public String readLink(Sandbox.Resolved link) throws IOException {
        return Files.readSymbolicLink(link.host()).toString();
    }

    @Override
    public void setTimes(Sandbox.Resolved target, long atim, long mtim, int fstFlags, long now) throws IOException {
        Filestat.setTimes(target.host(), atim, mtim, fstFlags, now);
    }

    @Override
    public void close() throws IOException {
        try (directories) {
            if (rootStream != null) {
                rootStream.close();
            }
        }
    }

    /**
     * The host's identity of the file at {@code path} itself (a link is not followed), which
     * directory descriptors are checked against: the same for as long as the file exists, and
     * different from every other file's; {@code null} if it does not exist.
     */
    static Object fileKey(Path path) {
        BasicFileAttributes attributes = attributesOrNull(path);
        return attributes == null ? null : attributes.fileKey();
    }

    /** The status of {@code path} itself (a link is not followed), or {@code null} if it does not exist. */
    private static Filestat statOrNull(Path path) {
        try {
            return Filestat.of(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.exception(e);
        }
    }

    /** The attributes of {@code path} itself (a link is not followed), or {@code null} if it does not exist. */
    private static BasicFileAttributes attributesOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.exception(e);
        }
    }

    /**
     * A lookup on host paths. The descriptor's directory is checked with basic attributes, which
     * cost less than a full {@link Filestat}: a path that ends on the directory itself reads that
     * afterwards.
     */
    private final class PathCursor implements Sandbox.Cursor {

        private Path directory = root;
        /** The file key of the directory here, if this walk entered it. */
        private Object directoryKey;
        /** What {@link #type} last saw. */
        private BasicFileAttributes seen;

        @Override
        public void start(List<String> base, Object baseKey) {
            BasicFileAttributes attributes = null;
            for (String name : base) {
                directory = directory.resolve(name);
                attributes = attributesOrNull(directory);
                if (attributes == null || !attributes.isDirectory()) {
                    throw new ErrnoException(Errno.NOENT);
                }
            }
            if (baseKey != null) {
                if (attributes == null) {
                    attributes = attributesOrNull(directory); // the root itself
                }
                if (attributes == null || !attributes.isDirectory() || !baseKey.equals(attributes.fileKey())) {
                    throw new ErrnoException(Errno.NOENT);
                }
            }
        }

        @Override
        public Filestat stat(String name) {
            return statOrNull(directory.resolve(name));
        }

        @Override
        public int type(String name) {
            seen = attributesOrNull(directory.resolve(name));
            return seen == null ? -1 : FileType.of(seen, 0);
        }

        @Override
        public String readLink(String name) {
            try {
                return Files.readSymbolicLink(directory.resolve(name)).toString();
            } catch (IOException e) {
                throw HostErrors.exception(e);
            }
        }

        @Override
        public void enter(List<String> path) {
            directory = directory.resolve(path.getLast());
            directoryKey = seen.fileKey();
        }

        @Override
        public void leave() {
            directory = directory.getParent();
            directoryKey = null;
        }

        @Override
        public Filestat statHere() {
            return statOrNull(directory);
        }

        @Override
        public Object keyHere() {
            return directoryKey;
        }

        @Override
        public HostDirectory keep(List<String> path) {
            return null;
        }

        @Override
        public void close() {}
    }
}
