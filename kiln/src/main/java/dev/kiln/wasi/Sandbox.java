package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One preopened host directory and the path resolver that keeps the guest inside it.
 *
 * <p>A guest path is never given to the host as it is. {@link #resolve} walks it one component
 * at a time from the descriptor's directory, reading every component's attributes without
 * following links and expanding symbolic links itself, so the host only ever sees paths made of
 * real directories that Kiln has checked. What is refused, from the path alone and before any
 * outside file is looked at (so the errno never tells whether an outside file exists):
 * <ul>
 *   <li>an absolute path: {@link Errno#NOTCAPABLE};</li>
 *   <li>a {@code ..} that would climb above the descriptor's directory, written in the path or
 *       in a link's target: {@link Errno#NOTCAPABLE};</li>
 *   <li>a symbolic link with an absolute target: {@link Errno#NOTCAPABLE};</li>
 *   <li>more than {@value #MAX_SYMLINK_FOLLOWS} links followed in one lookup: {@link Errno#LOOP}.</li>
 * </ul>
 *
 * <p>The descriptor's own directory is checked on every lookup too: each of its components must
 * still be a real directory (not a link) and the directory the same file it was when opened, or
 * the lookup is {@link Errno#NOENT}; a guest that renames a directory and puts a link in its
 * place gains nothing.
 *
 * <p>Guest calls are serialised (one guest thread uses a WASI module at a time), so a guest cannot
 * race its own lookups. A host process changing the tree between the check and the use of a
 * path could; files are therefore opened and directories listed through {@link SecureWalk}
 * ({@code openat} without following links, component by component), and only the other path
 * operations use the checked path itself.
 */
final class Sandbox implements Closeable {

    /** The most symbolic links one lookup follows; Linux stops at 40, POSIX allows as few as 8. */
    static final int MAX_SYMLINK_FOLLOWS = 32;

    private final Path root;
    private final String guestName;
    private final boolean readOnly;
    /** The root directory, open for the sandbox's life; {@code null} without secure directory streams. */
    private final SecureDirectoryStream<Path> rootStream;
    private final Object rootKey;
    /** Directories below the root held open for opening files in them, see {@link SecureWalk}. */
    private final DirectoryHandles directories = new DirectoryHandles();

    private Sandbox(Path root, String guestName, boolean readOnly, SecureDirectoryStream<Path> rootStream,
                    Object rootKey) {
        this.root = root;
        this.guestName = guestName;
        this.readOnly = readOnly;
        this.rootStream = rootStream;
        this.rootKey = rootKey;
    }

    /**
     * The sandbox of {@code preopen}: its directory's real path (links resolved once, by the
     * embedder's choice of directory), so later lookups build on a path without links, and the
     * directory itself held open (where the platform has {@link SecureDirectoryStream}), which
     * {@link SecureWalk} starts every walk from. {@link #close()} releases it.
     *
     * @throws IllegalArgumentException if the directory does not exist or cannot be read
     */
    static Sandbox of(WasiPreopen preopen) {
        try {
            Path real = preopen.hostDirectory().toRealPath();
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("not a directory: " + preopen.hostDirectory());
            }
            Object key = fileKey(real);
            DirectoryStream<Path> stream = Files.newDirectoryStream(real);
            SecureDirectoryStream<Path> secure = stream instanceof SecureDirectoryStream<Path> s ? s : null;
            if (secure == null) {
                stream.close();
            }
            return new Sandbox(real, preopen.guestPath(), preopen.readOnly(), secure, key);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open directory " + preopen.hostDirectory() + ": " + e, e);
        }
    }

    /** The identity the root directory had when the sandbox was made. */
    Object rootKey() {
        return rootKey;
    }

    /** The root directory, open; {@code null} where the platform has no secure directory streams. */
    SecureDirectoryStream<Path> rootStream() {
        return rootStream;
    }

    /** The directories below the root held open between lookups. */
    DirectoryHandles directories() {
        return directories;
    }

    /** Closes the root directory and the ones held below it; lookups must not be made afterwards. */
    @Override
    public void close() throws IOException {
        try (directories) {
            if (rootStream != null) {
                rootStream.close();
            }
        }
    }

    /** The host directory, links resolved. */
    Path root() {
        return root;
    }

    /** The name the guest sees, as {@code fd_prestat_dir_name} reports it. */
    String guestName() {
        return guestName;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Fails with {@link Errno#ROFS} if this is a read-only mount. */
    void checkWritable() {
        if (readOnly) {
            throw new ErrnoException(Errno.ROFS);
        }
    }

    /** The host path of {@code components}, names already checked by {@link #resolve}. */
    Path host(List<String> components) {
        Path path = root;
        for (String name : components) {
            path = path.resolve(name);
        }
        return path;
    }

    /**
     * Where the guest path {@code path}, relative to the directory {@code base}, leads.
     *
     * @param base the descriptor's directory, as components below the root
     * @param baseKey the {@link #fileKey} that directory had when opened, or {@code null}
     *     to skip that check
     * @param path the guest's path
     * @param followFinal whether a symbolic link as the last component is followed
     *     ({@code lookupflags.symlink_follow}); links before it always are
     * @return the resolved location, which may not exist yet (only its last component may be
     *     missing), with the status of what is there: the one {@code lstat} of the last component
     *     serves the caller too
     * @throws ErrnoException {@link Errno#NOTCAPABLE} for an escape, {@link Errno#LOOP},
     *     {@link Errno#NOENT}, {@link Errno#NOTDIR}, {@link Errno#INVAL} for a NUL in the path
     */
    Resolved resolve(List<String> base, Object baseKey, String path, boolean followFinal) {
        if (path.indexOf('\0') >= 0) {
            throw new ErrnoException(Errno.INVAL);
        }
        if (path.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        if (path.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        Path directory = checkBase(base, baseKey); // the host path of the top of the stack
        List<String> stack = new ArrayList<>(base);
        int floor = base.size();
        Deque<String> pending = new ArrayDeque<>();
        boolean directoryRequired = pushComponents(pending, path);
        int follows = 0;
        Object directoryKey = null; // the file key of the directory on top of the stack, if this walk saw it
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.equals("..")) {
                if (stack.size() == floor) {
                    throw new ErrnoException(Errno.NOTCAPABLE);
                }
                stack.removeLast();
                directory = directory.getParent();
                directoryKey = null;
                continue;
            }
            boolean last = pending.isEmpty();
            Path host = directory.resolve(name);
            if (last) {
                Filestat stat = statOrNull(host);
                if (stat != null && stat.filetype() == FileType.SYMBOLIC_LINK && (followFinal || directoryRequired)) {
                    directoryRequired |= pushComponents(pending, linkTarget(host, ++follows));
                    continue;
                }
                stack.add(name);
                return new Resolved(this, List.copyOf(stack), stat, directoryRequired, directoryKey);
            }
            BasicFileAttributes attributes = attributesOrNull(host);
            if (attributes == null) {
                throw new ErrnoException(Errno.NOENT);
            }
            if (attributes.isSymbolicLink()) {
                pushComponents(pending, linkTarget(host, ++follows));
                continue;
            }
            if (!attributes.isDirectory()) {
                throw new ErrnoException(Errno.NOTDIR);
            }
            stack.add(name);
            directory = host;
            directoryKey = attributes.fileKey();
        }
        // The path ended on a directory already walked through ("." or "a/.."): it exists.
        Filestat stat = statOrNull(directory);
        if (stat == null) {
            throw new ErrnoException(Errno.NOENT);
        }
        return new Resolved(this, List.copyOf(stack), stat, true, null);
    }

    /**
     * The target of the link at {@code link}, the {@code follows}-th followed in this lookup:
     * {@link Errno#LOOP} past {@value #MAX_SYMLINK_FOLLOWS}, {@link Errno#NOTCAPABLE} if absolute
     * (decided before anything outside is looked at), {@link Errno#NOENT} if empty.
     */
    private static String linkTarget(Path link, int follows) {
        if (follows > MAX_SYMLINK_FOLLOWS) {
            throw new ErrnoException(Errno.LOOP);
        }
        String target = readLink(link);
        if (target.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        if (target.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        return target;
    }

    /**
     * Checks that the descriptor's directory is still a chain of real directories below the root
     * and, if {@code baseKey} is given, still the same directory (its {@link #fileKey}). Reads
     * only basic attributes, which cost less than a full {@link Filestat}: a path that ends on
     * the directory itself reads that afterwards. Returns the directory's host path.
     */
    private Path checkBase(List<String> base, Object baseKey) {
        Path path = root;
        BasicFileAttributes attributes = null;
        for (String name : base) {
            path = path.resolve(name);
            attributes = attributesOrNull(path);
            if (attributes == null || !attributes.isDirectory()) {
                throw new ErrnoException(Errno.NOENT);
            }
        }
        if (baseKey != null) {
            if (attributes == null) {
                attributes = attributesOrNull(path); // the root itself
            }
            if (attributes == null || !attributes.isDirectory() || !baseKey.equals(attributes.fileKey())) {
                throw new ErrnoException(Errno.NOENT);
            }
        }
        return path;
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

    /**
     * Puts the components of {@code path} in front of {@code pending}, in order, dropping empty
     * ones and {@code .}; returns whether the path ends with {@code /} or {@code /.} (or is
     * {@code .}), which asks for a directory.
     */
    private static boolean pushComponents(Deque<String> pending, String path) {
        String[] parts = path.split("/", -1);
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                pending.addFirst(parts[i]);
            }
        }
        String lastPart = parts[parts.length - 1];
        return lastPart.isEmpty() || lastPart.equals(".");
    }

    /** The status of {@code path} itself (a link is not followed), or {@code null} if it does not exist. */
    static Filestat statOrNull(Path path) {
        try {
            return Filestat.of(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.exception(e);
        }
    }

    /** The attributes of {@code path} itself (a link is not followed), or {@code null} if it does not exist. */
    static BasicFileAttributes attributesOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.exception(e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw HostErrors.exception(e);
        }
    }

    /**
     * Whether a link at {@code linkDirectory} (components below the root) with target
     * {@code target} stays inside the sandbox when read lexically: relative, and never climbing
     * above the root. {@code path_symlink} refuses other targets, so the tree never holds a link
     * that leads a host program walking it outside.
     */
    static boolean staysInside(List<String> linkDirectory, String target) {
        if (target.startsWith("/")) {
            return false;
        }
        int depth = linkDirectory.size();
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                if (--depth < 0) {
                    return false;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return true;
    }

    /**
     * A resolved guest path.
     *
     * @param sandbox the sandbox it is in
     * @param components its components below the sandbox root; every one but the last is a real
     *     directory; empty for the root itself
     * @param stat the last component's status, links not followed, or {@code null} if it does
     *     not exist
     * @param directoryRequired whether the path asked for a directory (a trailing {@code /})
     * @param parentKey the file key the lookup saw for the directory holding the last component,
     *     or {@code null} if it did not look at that directory itself (the descriptor's own)
     */
    record Resolved(Sandbox sandbox, List<String> components, Filestat stat, boolean directoryRequired,
                    Object parentKey) {

        Path host() {
            return sandbox.host(components);
        }

        boolean exists() {
            return stat != null;
        }

        boolean isDirectory() {
            return stat != null && stat.filetype() == FileType.DIRECTORY;
        }

        boolean isSymbolicLink() {
            return stat != null && stat.filetype() == FileType.SYMBOLIC_LINK;
        }

        boolean isRegularFile() {
            return stat != null && stat.filetype() == FileType.REGULAR_FILE;
        }

        /** The components of the directory holding the last component. */
        List<String> parent() {
            return components.isEmpty() ? components : components.subList(0, components.size() - 1);
        }
    }
}
