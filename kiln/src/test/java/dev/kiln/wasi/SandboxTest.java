package dev.kiln.wasi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a preopen, tried with direct calls of the host functions: the errno must be
 * the sandbox's (the same whether or not the outside file exists), and nothing outside may be
 * read, written, created, removed or listed. Also: read-only preopens refuse every change, and
 * bad descriptors and pointers fail cleanly.
 */
class SandboxTest {

    private static final int ROOT_FD = 3;
    private static final int READ_ONLY_FD = 4;
    private static final long PATH = 1024;
    private static final long PATH2 = 2048;
    private static final long RESULT = 100;
    private static final long BUFFER = 8192;
    private static final long IOVEC = 200;
    private static final long ALL_RIGHTS = Rights.ALL;
    /** Bounds a race test that never meets the directory in place, so it fails instead of hanging. */
    private static final int MAX_RACE_TRIES = 1_000_000;

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private Path readOnly;
    private WasiHarness wasi;
    private FileTime outsideModified;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        readOnly = Files.createDirectory(tmp.resolve("ro"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "top secret");
        Files.createDirectory(outside.resolve("dir"));
        Files.writeString(root.resolve("inside"), "inside");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(readOnly.resolve("file"), "read me");
        Files.createDirectory(readOnly.resolve("dir"));
        outsideModified = Files.getLastModifiedTime(outside.resolve("secret"));
        wasi = new WasiHarness(WasiConfig.defaults()
                .withStdin(InputStream.nullInputStream())
                .withPreopen(root, "/")
                .withReadOnlyPreopen(readOnly, "/ro"));
    }

    @AfterEach
    void outsideIsUntouched() throws IOException {
        wasi.close();
        assertEquals("top secret", Files.readString(outside.resolve("secret")));
        assertEquals(outsideModified, Files.getLastModifiedTime(outside.resolve("secret")));
        try (var listing = Files.list(outside)) {
            assertEquals(List.of("dir", "secret"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var listing = Files.list(outside.resolve("dir"))) {
            assertEquals(0, listing.count());
        }
    }

    private int putString(long address, String text) {
        byte[] bytes = text.getBytes(UTF_8);
        wasi.memory.write(address, bytes);
        return bytes.length;
    }

    /** {@code path_open} of {@code path} from {@code dirFd}; the new fd is at {@link #RESULT}. */
    private int open(int dirFd, int lookup, String path, int oflags, long rights) {
        int length = putString(PATH, path);
        return wasi.call(Preview1.PATH_OPEN, dirFd, lookup, PATH, length, oflags, rights, rights, 0, RESULT);
    }

    /** Opens the directory {@code path} with every directory right, returns its fd. */
    private int openDirectory(int dirFd, String path) {
        int length = putString(PATH, path);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.PATH_OPEN, dirFd, 0, PATH, length, FdFlags.O_DIRECTORY,
                Rights.DIRECTORY, Rights.DIRECTORY_INHERITING, 0, RESULT));
        return openedFd();
    }

    private int openedFd() {
        return wasi.memory.readInt(RESULT);
    }

    private int pathCall(Preview1 function, int fd, String path) {
        int length = putString(PATH, path);
        return wasi.call(function, fd, PATH, length);
    }

    private int filestat(int fd, int lookup, String path) {
        int length = putString(PATH, path);
        return wasi.call(Preview1.PATH_FILESTAT_GET, fd, lookup, PATH, length, BUFFER);
    }

    private int rename(int fd, String from, int toFd, String to) {
        int a = putString(PATH, from);
        int b = putString(PATH2, to);
        return wasi.call(Preview1.PATH_RENAME, fd, PATH, a, toFd, PATH2, b);
    }

    private int link(int fd, int lookup, String from, String to) {
        int a = putString(PATH, from);
        int b = putString(PATH2, to);
        return wasi.call(Preview1.PATH_LINK, fd, lookup, PATH, a, fd, PATH2, b);
    }

    private int symlink(String target, int fd, String path) {
        int a = putString(PATH, target);
        int b = putString(PATH2, path);
        return wasi.call(Preview1.PATH_SYMLINK, PATH, a, fd, PATH2, b);
    }

    /** Every lookup that leaves the preopen, each once with an existing and once with a missing target. */
    private List<String> escapes() throws IOException {
        Files.createSymbolicLink(root.resolve("abs"), outside.resolve("secret"));
        Files.createSymbolicLink(root.resolve("abs-missing"), outside.resolve("missing"));
        Files.createSymbolicLink(root.resolve("abs-dir"), outside);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../outside/secret"));
        Files.createSymbolicLink(root.resolve("rel-missing"), Path.of("../outside/missing"));
        Files.createSymbolicLink(root.resolve("rel-dir"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("sub/deep"), Path.of("../../outside/secret"));
        Files.createSymbolicLink(root.resolve("chain"), Path.of("sub/deep"));
        return List.of("..", "../outside/secret", "../outside/missing", "sub/../../outside/secret",
                outside.resolve("secret").toString(), outside.resolve("missing").toString(), "/inside",
                "abs", "abs-missing", "abs-dir/secret", "abs-dir/missing", "rel", "rel-missing", "rel-dir/secret",
                "rel-dir/missing", "sub/deep", "chain", "rel-dir/", "abs-dir/dir/");
    }

    @Test
    void openingOutsideIsNotCapableWhetherOrNotTheFileExists() throws IOException {
        for (String path : escapes()) {
            assertEquals(Errno.NOTCAPABLE, open(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path, 0, ALL_RIGHTS), path);
            assertEquals(Errno.NOTCAPABLE, open(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path, FdFlags.O_CREAT,
                    ALL_RIGHTS), "create " + path);
            assertEquals(Errno.NOTCAPABLE, open(ROOT_FD, 0, path + "/x", FdFlags.O_CREAT, ALL_RIGHTS), path + "/x");
        }
        // without symlink_follow the last link is not followed but refused as a link
        assertEquals(Errno.LOOP, open(ROOT_FD, 0, "abs", 0, ALL_RIGHTS));
        assertFalse(Files.exists(outside.resolve("missing")));
    }

    @Test
    void statAndListingOutsideIsNotCapable() throws IOException {
        for (String path : escapes()) {
            wasi.memory.write(BUFFER, new byte[Filestat.SIZE]);
            assertEquals(Errno.NOTCAPABLE, filestat(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path), path);
            assertArrayEquals(new byte[Filestat.SIZE], read(BUFFER, Filestat.SIZE), "nothing written for " + path);
            assertEquals(Errno.NOTCAPABLE, open(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path, FdFlags.O_DIRECTORY,
                    ALL_RIGHTS), "opendir " + path);
            int length = putString(PATH, path);
            assertEquals(Errno.NOTCAPABLE, wasi.call(Preview1.PATH_FILESTAT_SET_TIMES, ROOT_FD,
                    FdFlags.LOOKUP_SYMLINK_FOLLOW, PATH, length, 0, 0, Filestat.MTIM_NOW), "set times " + path);
        }
    }

    @Test
    void changingOutsideIsNotCapable() throws IOException {
        for (String path : escapes()) {
            assertEquals(Errno.NOTCAPABLE, pathCall(Preview1.PATH_CREATE_DIRECTORY, ROOT_FD, path + "/new"), path);
            assertEquals(Errno.NOTCAPABLE, pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, path + "/secret"), path);
            assertEquals(Errno.NOTCAPABLE, pathCall(Preview1.PATH_REMOVE_DIRECTORY, ROOT_FD, path + "/dir"), path);
            assertEquals(Errno.NOTCAPABLE, rename(ROOT_FD, "inside", ROOT_FD, path + "/stolen"), path);
            assertEquals(Errno.NOTCAPABLE, link(ROOT_FD, 0, "inside", path + "/stolen"), path);
            assertEquals(Errno.NOTCAPABLE, link(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path, "hardlink"), path);
        }
        assertEquals(Errno.NOTCAPABLE, pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, "../outside/secret"));
        assertEquals(Errno.NOTCAPABLE, pathCall(Preview1.PATH_REMOVE_DIRECTORY, ROOT_FD, "../outside/dir"));
        assertEquals(Errno.NOTCAPABLE, rename(ROOT_FD, "../outside/secret", ROOT_FD, "mine"));
        assertFalse(Files.exists(root.resolve("hardlink")));
        assertFalse(Files.exists(root.resolve("mine")));
        assertEquals("inside", Files.readString(root.resolve("inside")));
    }

    @Test
    void symlinksThatWouldLeadOutCannotBeCreated() {
        for (String target : List.of("/etc/passwd", outside.toString(), "..", "../outside/secret", "sub/../..")) {
            assertEquals(Errno.NOTCAPABLE, symlink(target, ROOT_FD, "evil"), target);
            assertFalse(Files.exists(root.resolve("evil"), LinkOption.NOFOLLOW_LINKS), target);
        }
        assertEquals(Errno.NOTCAPABLE, symlink("../../x", ROOT_FD, "sub/evil"));
        assertEquals(Errno.SUCCESS, symlink("../inside", ROOT_FD, "sub/fine"));
        assertEquals(Errno.SUCCESS, open(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, "sub/fine", 0, Rights.FD_READ));
    }

    @Test
    void aSubdirectoryDescriptorCannotClimbOutOfItself() {
        int sub = openDirectory(ROOT_FD, "sub");
        assertEquals(Errno.NOTCAPABLE, open(sub, 0, "../inside", 0, Rights.FD_READ));
        assertEquals(Errno.NOTCAPABLE, open(sub, 0, "../../outside/secret", 0, Rights.FD_READ));
        assertEquals(Errno.NOTCAPABLE, symlink("../../outside/secret", sub, "x"));
    }

    @Test
    void symlinkLoopsAreEloop() throws IOException {
        Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        Files.createSymbolicLink(root.resolve("deep"), Path.of("sub/../deep"));
        for (String path : List.of("self", "a", "b/x", "deep", "self/")) {
            assertEquals(Errno.LOOP, open(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path, 0, Rights.FD_READ), path);
            assertEquals(Errno.LOOP, filestat(ROOT_FD, FdFlags.LOOKUP_SYMLINK_FOLLOW, path), path);
        }
    }

    @Test
    void aDirectoryReplacedByALinkToTheOutsideLeadsNowhere() throws IOException {
        int sub = openDirectory(ROOT_FD, "sub");
        Files.move(root.resolve("sub"), root.resolve("moved"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        assertEquals(Errno.NOENT, open(sub, 0, "secret", 0, Rights.FD_READ));
        assertEquals(Errno.NOENT, filestat(sub, 0, "secret"));
        wasi.memory.write(BUFFER, new byte[256]);
        assertEquals(Errno.NOENT, wasi.call(Preview1.FD_READDIR, sub, BUFFER, 256, 0, RESULT));
        assertArrayEquals(new byte[256], read(BUFFER, 256));
    }

    /**
     * What {@code fd_readdir} and an open file's {@code fd_filestat_*} read goes through the
     * sandbox's own lookups: entries with their inodes and types (a link's own), {@code ..} of a
     * subdirectory the root, and an open file's times set and read at its name only while the
     * name still leads to it.
     */
    @Test
    void listingsAndOpenFilesStatusComeFromTheSandboxsLookups() throws IOException {
        Files.writeString(root.resolve("sub/file"), "12345");
        Files.createSymbolicLink(root.resolve("sub/link"), Path.of("file"));
        int sub = openDirectory(ROOT_FD, "sub");
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READDIR, sub, BUFFER, 4096, 0, RESULT));
        int used = wasi.memory.readInt(RESULT);
        List<String> listed = new ArrayList<>();
        for (long at = BUFFER; at < BUFFER + used; ) {
            int length = wasi.memory.readInt(at + 16);
            String name = new String(read(at + DirectoryFile.DIRENT_SIZE, length), UTF_8);
            Path host = name.equals("..") ? root : root.resolve("sub").resolve(name);
            assertEquals(Files.getAttribute(host, "unix:ino", LinkOption.NOFOLLOW_LINKS),
                    wasi.memory.readLong(at + 8), name);
            listed.add(name + ":" + wasi.memory.readByte(at + 20));
            at += DirectoryFile.DIRENT_SIZE + length;
        }
        assertEquals(List.of(".:" + FileType.DIRECTORY, "..:" + FileType.DIRECTORY, "file:" + FileType.REGULAR_FILE,
                "link:" + FileType.SYMBOLIC_LINK), listed);

        assertEquals(Errno.SUCCESS, open(sub, 0, "file", 0, Rights.FD_READ | Rights.FD_FILESTAT_GET
                | Rights.FD_FILESTAT_SET_TIMES));
        int file = openedFd();
        long inode = (Long) Files.getAttribute(root.resolve("sub/file"), "unix:ino");
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FILESTAT_SET_TIMES, file, 1_000_000_123L, 2_000_000_456L,
                Filestat.ATIM | Filestat.MTIM));
        assertEquals(FileTime.from(2_000_000_456L, TimeUnit.NANOSECONDS),
                Files.getLastModifiedTime(root.resolve("sub/file")));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FILESTAT_GET, file, BUFFER));
        assertEquals(inode, wasi.memory.readLong(BUFFER + 8));
        assertEquals(1, wasi.memory.readLong(BUFFER + 24));
        assertEquals(5, wasi.memory.readLong(BUFFER + 32));
        assertEquals(2_000_000_456L, wasi.memory.readLong(BUFFER + 48));

        Files.move(root.resolve("sub/file"), root.resolve("sub/moved"));
        Files.writeString(root.resolve("sub/file"), "another file");
        assertEquals(Errno.NOENT, wasi.call(Preview1.FD_FILESTAT_SET_TIMES, file, 0L, 0L, Filestat.MTIM));
        assertEquals(FileTime.from(2_000_000_456L, TimeUnit.NANOSECONDS),
                Files.getLastModifiedTime(root.resolve("sub/moved")));
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_FILESTAT_GET, file, BUFFER));
        assertEquals(inode, wasi.memory.readLong(BUFFER + 8));
        assertEquals(5, wasi.memory.readLong(BUFFER + 32));
    }

    /**
     * A directory a lookup ended in, which the sandbox may hold open, is not taken for the one at
     * its path once the host has moved it away: after the move the name leads to the new directory,
     * and once nothing is there, nowhere (not to the moved one, wherever it went).
     */
    @Test
    void aDirectoryMovedAwayBetweenCallsIsNotReachedByItsOldName() throws IOException {
        Files.writeString(root.resolve("sub/file"), "old");
        assertEquals(Errno.SUCCESS, filestat(ROOT_FD, 0, "sub/file"));
        Path away = Files.createDirectory(tmp.resolve("away"));
        Files.move(root.resolve("sub"), away.resolve("sub"));
        assertEquals(Errno.NOENT, filestat(ROOT_FD, 0, "sub/file"));
        assertEquals(Errno.NOENT, open(ROOT_FD, 0, "sub/file", 0, Rights.FD_READ));
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/file"), "new!");
        assertEquals(Errno.SUCCESS, filestat(ROOT_FD, 0, "sub/file"));
        assertEquals(Files.getAttribute(root.resolve("sub/file"), "unix:ino"), wasi.memory.readLong(BUFFER + 8));
        assertEquals(4, wasi.memory.readLong(BUFFER + 32));
        assertEquals(Errno.SUCCESS, open(ROOT_FD, 0, "sub/file", 0, Rights.FD_READ));
        int fd = openedFd();
        wasi.writeIovecs(IOVEC, (int) BUFFER, 64);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, fd, IOVEC, 1, RESULT));
        assertEquals("new!", new String(read(BUFFER, wasi.memory.readInt(RESULT)), UTF_8));
        assertEquals("old", Files.readString(away.resolve("sub/file")));
    }

    /**
     * On directory descriptors a preopen is the directory, not its host path, as on wasmtime: the
     * guest goes on working in it after the host renames it. On host paths (the fallback) the
     * root is re-checked by its path, so the lookups fail. A directory made at the old path is
     * taken for the preopen on neither, and neither leads outside.
     */
    @Test
    void aPreopenRenamedByTheHost() throws IOException {
        assertEquals(Errno.SUCCESS, filestat(ROOT_FD, 0, "inside"));
        Path moved = tmp.resolve("moved");
        Files.move(root, moved);
        boolean descriptors = Sandbox.preferDescriptors && DescriptorFiles.isAvailable();
        if (descriptors) {
            assertEquals(Errno.SUCCESS, filestat(ROOT_FD, 0, "inside"));
            assertEquals(Files.getAttribute(moved.resolve("inside"), "unix:ino"), wasi.memory.readLong(BUFFER + 8));
            assertEquals(Errno.SUCCESS, open(ROOT_FD, 0, "made", FdFlags.O_CREAT, Rights.FD_WRITE));
            assertTrue(Files.exists(moved.resolve("made")));
        } else {
            assertEquals(Errno.NOENT, filestat(ROOT_FD, 0, "inside"));
            assertEquals(Errno.NOENT, open(ROOT_FD, 0, "made", FdFlags.O_CREAT, Rights.FD_WRITE));
            assertFalse(Files.exists(moved.resolve("made")));
        }
        Files.createDirectory(root);
        Files.writeString(root.resolve("fresh"), "fresh");
        assertEquals(Errno.NOENT, filestat(ROOT_FD, 0, "fresh"));
        assertEquals(descriptors ? Errno.NOTCAPABLE : Errno.NOENT, filestat(ROOT_FD, 0, "../outside/secret"));
    }

    /**
     * A host thread keeps swapping a directory for a link to the outside while the guest opens a
     * file through it: every open either finds the inside file or fails, and never reads the
     * outside one.
     */
    @Test
    void racingADirectoryAgainstALinkNeverReadsOutside() throws Exception {
        Files.createDirectory(root.resolve("flip"));
        Files.writeString(root.resolve("flip/secret"), "inside secret");
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = startFlipping(stop, () -> {});
        int opened = 0;
        try {
            // At least 2000 tries, and on until one found the directory in place: how often a
            // try lands in that window depends on how the two threads are scheduled.
            for (int i = 0; i < MAX_RACE_TRIES && (i < 2000 || opened == 0); i++) {
                if (open(ROOT_FD, 0, "flip/secret", 0, Rights.FD_READ) != Errno.SUCCESS) {
                    continue;
                }
                opened++;
                int fd = openedFd();
                wasi.writeIovecs(IOVEC, (int) BUFFER, 64);
                assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, fd, IOVEC, 1, RESULT));
                assertEquals("inside secret", new String(read(BUFFER, wasi.memory.readInt(RESULT)), UTF_8));
                assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_CLOSE, fd));
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertTrue(opened > 0, "some opens found the directory in place");
    }

    /**
     * The same swap while the guest removes and renames {@code flip/secret}: the unlinks and
     * renames happen relative to the directory as opened ({@code unlinkat}/{@code renameat}
     * under {@code O_NOFOLLOW}), so the outside {@code secret} is never removed or moved (checked
     * after every test).
     */
    @Test
    void racingADirectoryAgainstALinkNeverRemovesOrRenamesOutside() throws Exception {
        Files.createDirectory(root.resolve("flip"));
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = startFlipping(stop, () -> {
            if (!Files.exists(root.resolve("flip/secret"))) {
                Files.writeString(root.resolve("flip/secret"), "inside secret");
            }
        });
        int removed = 0;
        int renamed = 0;
        try {
            for (int i = 0; i < MAX_RACE_TRIES && (i < 2000 || removed + renamed == 0); i++) {
                if (pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, "flip/secret") == Errno.SUCCESS) {
                    removed++;
                }
                if (rename(ROOT_FD, "flip/secret", ROOT_FD, "flip/moved") == Errno.SUCCESS) {
                    renamed++;
                    pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, "flip/moved");
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertTrue(removed + renamed > 0, "some calls found the directory in place");
    }

    /**
     * The same swap while the guest creates a directory, a symbolic link and a hard link in
     * {@code flip}, sets the times of {@code flip/secret} and reads its status: through directory
     * descriptors each call is made relative to the directory the lookup opened, so none lands
     * in (or reads) the outside directory the link leads to (checked after every test). On host
     * paths these calls use the checked path, which this race can lead outside: there the test
     * does not run.
     */
    @Test
    void racingADirectoryAgainstALinkNeverCreatesStatsOrTouchesOutside() throws Exception {
        assumeTrue(Sandbox.preferDescriptors && DescriptorFiles.isAvailable(), "only directory descriptors rule it out");
        Files.createDirectory(root.resolve("flip"));
        Files.writeString(root.resolve("flip/secret"), "inside secret");
        long insideSecret = (Long) Files.getAttribute(root.resolve("flip/secret"), "unix:ino");
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = startFlipping(stop, () -> {});
        int done = 0;
        try {
            for (int i = 0; i < MAX_RACE_TRIES && (i < 2000 || done == 0); i++) {
                if (pathCall(Preview1.PATH_CREATE_DIRECTORY, ROOT_FD, "flip/made") == Errno.SUCCESS) {
                    done++;
                    pathCall(Preview1.PATH_REMOVE_DIRECTORY, ROOT_FD, "flip/made");
                }
                if (symlink("secret", ROOT_FD, "flip/made-link") == Errno.SUCCESS) {
                    done++;
                    pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, "flip/made-link");
                }
                if (link(ROOT_FD, 0, "inside", "flip/hard") == Errno.SUCCESS) {
                    done++;
                    pathCall(Preview1.PATH_UNLINK_FILE, ROOT_FD, "flip/hard");
                }
                int length = putString(PATH, "flip/secret");
                if (wasi.call(Preview1.PATH_FILESTAT_SET_TIMES, ROOT_FD, 0, PATH, length, 0, 0,
                        Filestat.ATIM | Filestat.MTIM) == Errno.SUCCESS) {
                    done++;
                }
                if (filestat(ROOT_FD, 0, "flip/secret") == Errno.SUCCESS) {
                    done++;
                    assertEquals(insideSecret, wasi.memory.readLong(BUFFER + 8), "the status of flip/secret inside");
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertTrue(done > 0, "some calls found the directory in place");
    }

    @Test
    void readOnlyPreopensRefuseEveryChange() throws IOException {
        FileTime modified = Files.getLastModifiedTime(readOnly.resolve("file"));
        assertEquals(Errno.ROFS, open(READ_ONLY_FD, 0, "new", FdFlags.O_CREAT, Rights.FD_WRITE));
        assertEquals(Errno.ROFS, open(READ_ONLY_FD, 0, "file", FdFlags.O_TRUNC, Rights.FD_READ));
        assertEquals(Errno.ROFS, open(READ_ONLY_FD, 0, "file", 0, Rights.FD_WRITE));
        assertEquals(Errno.ROFS, open(READ_ONLY_FD, 0, "file", 0, Rights.FD_READ | Rights.FD_FILESTAT_SET_SIZE));
        assertEquals(Errno.ROFS, pathCall(Preview1.PATH_CREATE_DIRECTORY, READ_ONLY_FD, "newdir"));
        assertEquals(Errno.ROFS, pathCall(Preview1.PATH_REMOVE_DIRECTORY, READ_ONLY_FD, "dir"));
        assertEquals(Errno.ROFS, pathCall(Preview1.PATH_UNLINK_FILE, READ_ONLY_FD, "file"));
        assertEquals(Errno.ROFS, rename(READ_ONLY_FD, "file", READ_ONLY_FD, "renamed"));
        assertEquals(Errno.ROFS, rename(READ_ONLY_FD, "file", ROOT_FD, "taken"));
        assertEquals(Errno.ROFS, rename(ROOT_FD, "inside", READ_ONLY_FD, "given"));
        assertEquals(Errno.ROFS, link(READ_ONLY_FD, 0, "file", "hard"));
        assertEquals(Errno.ROFS, symlink("file", READ_ONLY_FD, "soft"));
        int length = putString(PATH, "file");
        assertEquals(Errno.ROFS, wasi.call(Preview1.PATH_FILESTAT_SET_TIMES, READ_ONLY_FD, 0, PATH, length, 0, 0,
                Filestat.MTIM_NOW));
        assertEquals(Errno.ROFS, wasi.call(Preview1.FD_FILESTAT_SET_TIMES, READ_ONLY_FD, 0, 0, Filestat.ATIM_NOW));
        // reading works, and a read-only file's own changes are refused too
        assertEquals(Errno.SUCCESS, open(READ_ONLY_FD, 0, "file", 0, Rights.FD_READ | Rights.FD_FILESTAT_SET_TIMES));
        int fd = openedFd();
        wasi.writeIovecs(IOVEC, (int) BUFFER, 64);
        assertEquals(Errno.SUCCESS, wasi.call(Preview1.FD_READ, fd, IOVEC, 1, RESULT));
        assertEquals("read me", new String(read(BUFFER, wasi.memory.readInt(RESULT)), UTF_8));
        assertEquals(Errno.ROFS, wasi.call(Preview1.FD_FILESTAT_SET_TIMES, fd, 0, 0, Filestat.MTIM_NOW));
        assertEquals(Errno.BADF, wasi.call(Preview1.FD_WRITE, fd, IOVEC, 1, RESULT));
        try (var listing = Files.list(readOnly)) {
            assertEquals(List.of("dir", "file"), listing.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("read me", Files.readString(readOnly.resolve("file")));
        assertEquals(modified, Files.getLastModifiedTime(readOnly.resolve("file")));
        assertFalse(Files.exists(root.resolve("taken")));
        assertTrue(Files.exists(root.resolve("inside")));
    }

    @Test
    void badDescriptorsAndPointers() {
        assertEquals(Errno.BADF, open(99, 0, "inside", 0, Rights.FD_READ));
        assertEquals(Errno.BADF, pathCall(Preview1.PATH_CREATE_DIRECTORY, -1, "x"));
        assertEquals(Errno.NOTDIR, open(1, 0, "inside", 0, Rights.FD_READ), "stdout is no directory");
        assertEquals(Errno.FAULT, wasi.call(Preview1.PATH_OPEN, ROOT_FD, 0, WasiHarness.MEMORY_SIZE - 2, 6, 0,
                Rights.FD_READ, 0, 0, RESULT));
        assertEquals(Errno.FAULT, wasi.call(Preview1.PATH_OPEN, ROOT_FD, 0, PATH, 0xFFFF_FFFFL, 0, 0, 0, 0, RESULT));
        int length = putString(PATH, "inside");
        assertEquals(Errno.FAULT, wasi.call(Preview1.PATH_OPEN, ROOT_FD, 0, PATH, length, 0, Rights.FD_READ, 0, 0,
                WasiHarness.MEMORY_SIZE - 3));
        // the failed open left no descriptor behind: the next one is still 5
        assertEquals(Errno.SUCCESS, open(ROOT_FD, 0, "inside", 0, Rights.FD_READ));
        assertEquals(5, openedFd());
        wasi.memory.write(PATH, new byte[] {(byte) 0xFF, (byte) 0xFE});
        assertEquals(Errno.ILSEQ, wasi.call(Preview1.PATH_OPEN, ROOT_FD, 0, PATH, 2, 0, 0, 0, 0, RESULT));
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_READDIR, ROOT_FD, WasiHarness.MEMORY_SIZE - 10, 100, 0,
                RESULT));
        assertEquals(Errno.FAULT, wasi.call(Preview1.FD_PRESTAT_DIR_NAME, ROOT_FD, WasiHarness.MEMORY_SIZE, 1));
        length = putString(PATH, "inside");
        assertEquals(Errno.FAULT, wasi.call(Preview1.PATH_FILESTAT_GET, ROOT_FD, 0, PATH, length,
                WasiHarness.MEMORY_SIZE - 8));
    }

    private byte[] read(long address, int length) {
        byte[] bytes = new byte[length];
        wasi.memory.read(address, bytes, 0, length);
        return bytes;
    }

    /** One step of a race thread's round, which may fail with an I/O error. */
    private interface RoundStep {
        void run() throws IOException;
    }

    /**
     * Starts a thread that, until {@code stop} is set, moves {@code flip} to {@code flip-real},
     * puts a link to the outside directory in its place and moves it back, each round after
     * {@code beforeEachRound}.
     */
    private Thread startFlipping(AtomicBoolean stop, RoundStep beforeEachRound) {
        Path real = root.resolve("flip-real");
        Thread flipper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    beforeEachRound.run();
                    Files.move(root.resolve("flip"), real);
                    Files.createSymbolicLink(root.resolve("flip"), outside);
                    Files.delete(root.resolve("flip"));
                    Files.move(real, root.resolve("flip"));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        flipper.start();
        return flipper;
    }
}
