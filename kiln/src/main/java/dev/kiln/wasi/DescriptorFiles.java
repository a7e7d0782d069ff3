package dev.kiln.wasi;

import dev.kiln.internal.nativecode.FileCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@link HostFiles} of Linux's directory descriptors ({@link FileCalls}): a lookup walks
 * from the root's descriptor, held for the sandbox's life, reading each component with
 * {@code fstatat(AT_SYMLINK_NOFOLLOW)} relative to the directory before it and opening each
 * directory it passes with {@code openat(O_PATH | O_DIRECTORY | O_NOFOLLOW)}; every call on what
 * it found ({@code openat}, {@code mkdirat}, {@code unlinkat}, {@code renameat}, {@code linkat},
 * {@code symlinkat}, {@code readlinkat}, {@code utimensat}, {@code fstatat}) is made relative to
 * the last of those descriptors, with the name the sandbox checked. The kernel never resolves
 * more than one name, and never follows a link: a host process that swaps a checked directory
 * for a link makes the call fail instead of leading it outside.
 *
 * <p>The directory a lookup ends in stays open ({@link HeldDirectories}), so stat, open and
 * close of a file in a directory already visited cost an {@code fstatat} of the directory, an
 * {@code fstatat} of the file, the {@code openat} and the {@code close}. Files are served on
 * their descriptors by the C library ({@link DescriptorFileIo}), not through Java's channels.
 */
final class DescriptorFiles implements HostFiles {

    private final HostDirectory root;
    private final HeldDirectories held = new HeldDirectories();

    private DescriptorFiles(HostDirectory root) {
        this.root = root;
    }

    /** Whether this JVM can use them: {@link FileCalls#isAvailable()} and {@code /proc}'s descriptor links. */
    static boolean isAvailable() {
        return FileCalls.isAvailable() && Files.isDirectory(Path.of(HostDirectory.PROC_DESCRIPTORS));
    }

    /** Host files below the real directory {@code root}, which is opened now and held. */
    static DescriptorFiles open(Path root) throws IOException {
        DirectoryCalls calls = DirectoryCalls.ofThisThread();
        int fd;
        try {
            fd = calls.openRoot(root);
        } catch (ErrnoException e) {
            throw new IOException("errno " + e.errno());
        }
        try {
            return new DescriptorFiles(new HostDirectory(fd, Inode.of(calls.statOf(fd))));
        } catch (RuntimeException e) {
            calls.close(fd);
            throw e;
        }
    }

    @Override
    public Sandbox.Cursor cursor() {
        return new DescriptorCursor();
    }

    @Override
    public Object rootKey() {
        return root.inode();
    }

    @Override
    public Object directoryKey(Sandbox.Resolved directory) {
        return Inode.of(directory.stat());
    }

    /** {@code openat} relative to the held directory, with the flags {@code options} stand for. */
    @Override
    public FileIo openFile(Sandbox.Resolved target, Set<OpenOption> options) {
        int fd = DirectoryCalls.ofThisThread().openFile(target.directory().fd(), target.name(), openFlags(options));
        return new DescriptorFileIo(fd);
    }

    /** What {@code open(2)} calls {@code options}: as Java's own channels translate them, O_NOFOLLOW always. */
    private static int openFlags(Set<OpenOption> options) {
        boolean read = options.contains(StandardOpenOption.READ);
        boolean write = options.contains(StandardOpenOption.WRITE);
        int flags = (read && write ? FileCalls.O_RDWR : write ? FileCalls.O_WRONLY : FileCalls.O_RDONLY)
                | FileCalls.O_NOFOLLOW;
        if (options.contains(StandardOpenOption.CREATE_NEW)) {
            flags |= FileCalls.O_CREAT | FileCalls.O_EXCL;
        } else if (options.contains(StandardOpenOption.CREATE)) {
            flags |= FileCalls.O_CREAT;
        }
        if (write && options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            flags |= FileCalls.O_TRUNC;
        }
        return flags;
    }

    @Override
    public Filestat stat(Sandbox.Resolved target) {
        DirectoryCalls calls = DirectoryCalls.ofThisThread();
        Filestat stat = calls.statOrNull(target.directory().fd(), target.name());
        if (stat == null) {
            throw new ErrnoException(Errno.NOENT);
        }
        return stat;
    }

    @Override
    public void createDirectory(Sandbox.Resolved target) {
        DirectoryCalls.ofThisThread().createDirectory(target.directory().fd(), target.name());
    }

    @Override
    public void deleteFile(Sandbox.Resolved target) {
        DirectoryCalls.ofThisThread().remove(target.directory().fd(), target.name(), false);
    }

    @Override
    public void deleteDirectory(Sandbox.Resolved target) {
        DirectoryCalls.ofThisThread().remove(target.directory().fd(), target.name(), true);
    }

    @Override
    public void rename(Sandbox.Resolved from, Sandbox.Resolved to) {
        DirectoryCalls.ofThisThread().rename(from.directory().fd(), from.name(), to.directory().fd(), to.name());
    }

    @Override
    public void link(Sandbox.Resolved source, Sandbox.Resolved target) {
        DirectoryCalls.ofThisThread().link(source.directory().fd(), source.name(), target.directory().fd(),
                target.name());
    }

    @Override
    public void symlink(String target, Sandbox.Resolved link) {
        DirectoryCalls.ofThisThread().symlink(target, link.directory().fd(), link.name());
    }

    /** Lists through a new stream over the directory's descriptor, statuses read relative to it. */
    @Override
    public SortedMap<String, Filestat> list(Sandbox.Resolved directory) throws IOException {
        HostDirectory here = directory.directory();
        DirectoryCalls calls = DirectoryCalls.ofThisThread();
        SortedMap<String, Filestat> entries = new TreeMap<>();
        try (SecureDirectoryStream<Path> stream = here.openStream()) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                Filestat stat = calls.statOrNull(here.fd(), name);
                if (stat != null) { // else removed while listing
                    entries.put(name, stat);
                }
            }
        }
        return entries;
    }

    @Override
    public String readLink(Sandbox.Resolved link) {
        return DirectoryCalls.ofThisThread().readLink(link.directory().fd(), link.name());
    }

    @Override
    public void setTimes(Sandbox.Resolved target, long atim, long mtim, int fstFlags, long now) {
        Filestat.checkTimeFlags(fstFlags);
        Long access = Filestat.timeToSet(fstFlags, Filestat.ATIM, Filestat.ATIM_NOW, atim, now);
        Long modified = Filestat.timeToSet(fstFlags, Filestat.MTIM, Filestat.MTIM_NOW, mtim, now);
        if (access == null && modified == null) {
            return;
        }
        DirectoryCalls.ofThisThread().setTimes(target.directory().fd(), target.name(), access, modified);
    }

    @Override
    public void close() {
        DirectoryCalls calls = DirectoryCalls.ofThisThread();
        held.close(calls);
        root.close(calls);
    }

    /**
     * One lookup: the directories from the root to where it stands, each opened relative to the
     * one before it or taken from the held ones when the {@code fstatat} just made shows it is the
     * same directory. The ones it opened and does not {@link #keep} are closed at the end.
     */
    private final class DescriptorCursor implements Sandbox.Cursor {

        private final DirectoryCalls calls = DirectoryCalls.ofThisThread();
        private final List<HostDirectory> walked = new ArrayList<>();
        private final List<HostDirectory> opened = new ArrayList<>();
        /** What {@link #type} last saw. */
        private Filestat seen;

        DescriptorCursor() {
            held.closeRetired(calls);
            walked.add(root);
        }

        private HostDirectory here() {
            return walked.getLast();
        }

        @Override
        public void start(List<String> base, Object baseKey) {
            for (int i = 0; i < base.size(); i++) {
                if (type(base.get(i)) != FileType.DIRECTORY) {
                    throw new ErrnoException(Errno.NOENT);
                }
                enter(base.subList(0, i + 1));
            }
            if (baseKey != null && !baseKey.equals(here().inode())) {
                throw new ErrnoException(Errno.NOENT);
            }
        }

        @Override
        public Filestat stat(String name) {
            return calls.statOrNull(here().fd(), name);
        }

        @Override
        public int type(String name) {
            seen = calls.statOrNull(here().fd(), name);
            return seen == null ? -1 : seen.filetype();
        }

        @Override
        public String readLink(String name) {
            return calls.readLink(here().fd(), name);
        }

        @Override
        public void enter(List<String> path) {
            HostDirectory directory = held.find(path, Inode.of(seen));
            if (directory == null) {
                int fd = calls.openDirectory(here().fd(), path.getLast());
                try {
                    // What was opened, which is what is held from now on, whatever was seen before.
                    directory = new HostDirectory(fd, Inode.of(calls.statOf(fd)));
                } catch (RuntimeException e) {
                    calls.close(fd);
                    throw e;
                }
                opened.add(directory);
            }
            walked.add(directory);
        }

        @Override
        public void leave() {
            walked.removeLast();
        }

        @Override
        public Filestat statHere() {
            return calls.statOf(here().fd());
        }

        /** Calls go through {@link #keep}'s directory: no key is needed to find it again. */
        @Override
        public Object keyHere() {
            return null;
        }

        @Override
        public HostDirectory keep(List<String> path) {
            HostDirectory directory = here();
            if (!path.isEmpty()) {
                held.keep(path, directory);
                opened.remove(directory);
            }
            return directory;
        }

        @Override
        public void close() {
            for (HostDirectory directory : opened) {
                directory.close(calls);
            }
        }
    }
}
