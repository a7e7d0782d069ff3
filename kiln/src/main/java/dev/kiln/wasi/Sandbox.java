package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 * path could, so the host is reached through {@link HostFiles}: on Linux x86-64 with native
 * access {@link DescriptorFiles}, where the lookup itself walks directory descriptors and every
 * call is made relative to the directory the lookup found ({@code fstatat}, {@code openat},
 * {@code mkdirat}, ... with no link followed); elsewhere {@link PathFiles}, where lookups read
 * checked paths and only opens, listings, unlinks and renames go through {@link SecureWalk}.
 */
final class Sandbox implements Closeable {

    /** The most symbolic links one lookup follows; Linux stops at 40, POSIX allows as few as 8. */
    static final int MAX_SYMLINK_FOLLOWS = 32;

    /**
     * Whether new sandboxes reach the host through directory descriptors ({@link DescriptorFiles})
     * where the platform allows it; tests clear it to run the rules on {@link PathFiles} too.
     */
    static volatile boolean preferDescriptors = true;

    private final Path root;
    private final String guestName;
    private final boolean readOnly;
    private final HostFiles files;

    private Sandbox(Path root, String guestName, boolean readOnly, HostFiles files) {
        this.root = root;
        this.guestName = guestName;
        this.readOnly = readOnly;
        this.files = files;
    }

    /**
     * The sandbox of {@code preopen}: its directory's real path (links resolved once, by the
     * embedder's choice of directory), so later lookups build on a path without links, and the
     * directory itself held open, which every walk starts from. {@link #close()} releases it.
     *
     * @throws IllegalArgumentException if the directory does not exist or cannot be read
     */
    static Sandbox of(WasiPreopen preopen) {
        try {
            Path real = preopen.hostDirectory().toRealPath();
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("not a directory: " + preopen.hostDirectory());
            }
            HostFiles files = preferDescriptors && DescriptorFiles.isAvailable()
                    ? DescriptorFiles.open(real) : PathFiles.open(real);
            return new Sandbox(real, preopen.guestPath(), preopen.readOnly(), files);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open directory " + preopen.hostDirectory() + ": " + e, e);
        }
    }

    /** How this sandbox reaches the host: the checked lookups and the calls made on what they found. */
    HostFiles files() {
        return files;
    }

    /** The identity the root directory had when the sandbox was made. */
    Object rootKey() {
        return files.rootKey();
    }

    /** The identity of the directory {@code directory} resolved to, which its descriptor is checked against. */
    Object directoryKey(Resolved directory) {
        return files.directoryKey(directory);
    }

    /** Closes the root directory and the ones held below it; lookups must not be made afterwards. */
    @Override
    public void close() throws IOException {
        files.close();
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
     * The host side of one lookup: where {@link #resolve} stands, one directory at a time. A
     * cursor reads, never follows, links; the rules are {@link #resolve}'s alone.
     */
    interface Cursor extends AutoCloseable {

        /**
         * Stands in the descriptor's directory {@code base}: each of its components a real
         * directory (not a link) and, if {@code baseKey} is given, the last the directory with that
         * identity; else {@link Errno#NOENT}.
         */
        void start(List<String> base, Object baseKey);

        /** The status of {@code name} here, a link not followed; {@code null} if there is nothing. */
        Filestat stat(String name);

        /**
         * The {@link FileType} of {@code name} here, a link not followed, or {@code -1} if there is
         * nothing; what {@link #enter} enters.
         */
        int type(String name);

        /** The target of the link {@code name} here. */
        String readLink(String name);

        /** Steps into the directory {@link #type} just saw; {@code path} is it, below the root. */
        void enter(List<String> path);

        /** Steps back to the directory the last {@link #enter} came from ({@code ..}). */
        void leave();

        /** The status of the directory here. */
        Filestat statHere();

        /** The identity of the directory here if this walk entered it, else {@code null}. */
        Object keyHere();

        /**
         * The directory here, at {@code path}, open and held by the sandbox for the calls that
         * follow the lookup; {@code null} for a cursor on paths.
         */
        HostDirectory keep(List<String> path);

        @Override
        void close();
    }

    /**
     * Where the guest path {@code path}, relative to the directory {@code base}, leads.
     *
     * @param base the descriptor's directory, as components below the root
     * @param baseKey the {@link #directoryKey} that directory had when opened, or {@code null}
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
        try (Cursor cursor = files.cursor()) {
            cursor.start(base, baseKey);
            List<String> stack = new ArrayList<>(base);
            int floor = base.size();
            Deque<String> pending = new ArrayDeque<>();
            boolean directoryRequired = pushComponents(pending, path);
            int follows = 0;
            while (!pending.isEmpty()) {
                String name = pending.pollFirst();
                if (name.equals("..")) {
                    if (stack.size() == floor) {
                        throw new ErrnoException(Errno.NOTCAPABLE);
                    }
                    stack.removeLast();
                    cursor.leave();
                    continue;
                }
                if (pending.isEmpty()) {
                    Filestat stat = cursor.stat(name);
                    if (stat != null && stat.filetype() == FileType.SYMBOLIC_LINK
                            && (followFinal || directoryRequired)) {
                        directoryRequired |= pushComponents(pending, linkTarget(cursor, name, ++follows));
                        continue;
                    }
                    Object parentKey = cursor.keyHere();
                    HostDirectory parent = cursor.keep(stack);
                    stack.add(name);
                    return new Resolved(this, List.copyOf(stack), stat, directoryRequired, parentKey, parent, name);
                }
                int type = cursor.type(name);
                if (type == -1) {
                    throw new ErrnoException(Errno.NOENT);
                }
                if (type == FileType.SYMBOLIC_LINK) {
                    pushComponents(pending, linkTarget(cursor, name, ++follows));
                    continue;
                }
                if (type != FileType.DIRECTORY) {
                    throw new ErrnoException(Errno.NOTDIR);
                }
                stack.add(name);
                cursor.enter(stack);
            }
            // The path ended on a directory already walked through ("." or "a/.."): it exists.
            Filestat stat = cursor.statHere();
            if (stat == null) {
                throw new ErrnoException(Errno.NOENT);
            }
            return new Resolved(this, List.copyOf(stack), stat, true, null, cursor.keep(stack), null);
        }
    }

    /**
     * The target of the link {@code name} where {@code cursor} stands, the {@code follows}-th
     * followed in this lookup: {@link Errno#LOOP} past {@value #MAX_SYMLINK_FOLLOWS},
     * {@link Errno#NOTCAPABLE} if absolute (decided before anything outside is looked at),
     * {@link Errno#NOENT} if empty.
     */
    private static String linkTarget(Cursor cursor, String name, int follows) {
        if (follows > MAX_SYMLINK_FOLLOWS) {
            throw new ErrnoException(Errno.LOOP);
        }
        String target = cursor.readLink(name);
        if (target.startsWith("/")) {
            throw new ErrnoException(Errno.NOTCAPABLE);
        }
        if (target.isEmpty()) {
            throw new ErrnoException(Errno.NOENT);
        }
        return target;
    }

    /**
     * Puts the components of {@code path} in front of {@code pending}, in order, dropping empty
     * ones and {@code .}; returns whether the path ends with {@code /} or {@code /.} (or is
     * {@code .}), which asks for a directory.
     */
    private static boolean pushComponents(Deque<String> pending, String path) {
        // Scanned from the end, without splitting into an array: each lookup does this.
        int lastStart = path.lastIndexOf('/') + 1;
        boolean directoryRequired = isEmptyOrDot(path, lastStart, path.length());
        for (int end = path.length(); end >= 0; ) {
            int start = path.lastIndexOf('/', end - 1) + 1;
            if (!isEmptyOrDot(path, start, end)) {
                pending.addFirst(path.substring(start, end));
            }
            end = start - 1;
        }
        return directoryRequired;
    }

    private static boolean isEmptyOrDot(String path, int start, int end) {
        return start == end || end - start == 1 && path.charAt(start) == '.';
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
     * @param directory for a lookup through descriptors: the held directory that calls on the
     *     result go to (the one holding the last component, or the result itself when
     *     {@code name} is {@code null}); valid until the next lookup of the sandbox
     * @param name the last component, in {@code directory}; {@code null} when the path ended on
     *     a directory walked through ({@code .}, {@code a/..})
     */
    record Resolved(Sandbox sandbox, List<String> components, Filestat stat, boolean directoryRequired,
                    Object parentKey, HostDirectory directory, String name) {

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
