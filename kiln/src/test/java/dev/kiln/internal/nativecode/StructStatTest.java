package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StructStat}'s offsets against what the JDK's {@code unix:} attributes say of the same
 * files, and {@link FileCalls}' errnos: {@code -errno} as the C library set it.
 */
class StructStatTest {

    private static final String UNIX = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime";
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;

    @TempDir
    Path tmp;

    @Test
    void everyFieldReadIsWhatTheJdkReportsForAFileADirectoryAndALink() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "twelve bytes");
        Files.createLink(tmp.resolve("second-name"), file); // nlink 2
        // Times with nanoseconds, different from each other, so a field read at the wrong
        // offset or with its halves swapped cannot match.
        Files.setAttribute(file, "lastModifiedTime", FileTime.from(1_234_567_890_123_456_789L, TimeUnit.NANOSECONDS));
        Files.setAttribute(file, "lastAccessTime", FileTime.from(1_111_111_111_987_654_321L, TimeUnit.NANOSECONDS));
        Path directory = Files.createDirectory(tmp.resolve("directory"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("a/target/of/some/length"));
        for (Path path : new Path[] {file, directory, link}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment stat = arena.allocate(StructStat.SIZE);
                assertEquals(0, FileCalls.fstatat(state(arena), FileCalls.AT_FDCWD, arena.allocateFrom(path.toString()),
                        stat, FileCalls.AT_SYMLINK_NOFOLLOW), path.toString());
                Map<String, Object> unix = Files.readAttributes(path, UNIX, LinkOption.NOFOLLOW_LINKS);
                long[] words = words(stat);
                assertEquals(unix.get("dev"), StructStat.dev(words), path + " dev");
                assertEquals(unix.get("ino"), StructStat.ino(words), path + " ino");
                assertEquals(((Number) unix.get("nlink")).longValue(), StructStat.nlink(words), path + " nlink");
                assertEquals(unix.get("mode"), StructStat.mode(words), path + " mode");
                assertEquals(unix.get("size"), StructStat.size(words), path + " size");
                assertEquals(nanos(unix.get("lastAccessTime")), StructStat.atimNanos(words), path + " atim");
                assertEquals(nanos(unix.get("lastModifiedTime")), StructStat.mtimNanos(words), path + " mtim");
                assertEquals(nanos(unix.get("ctime")), StructStat.ctimNanos(words), path + " ctim");
            }
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(StructStat.SIZE);
            FileCalls.fstatat(state(arena), FileCalls.AT_FDCWD, arena.allocateFrom(file.toString()), stat, 0);
            assertEquals(2, StructStat.nlink(words(stat)));
            assertEquals(1_234_567_890_123_456_789L, StructStat.mtimNanos(words(stat)));
        }
    }

    private static long[] words(MemorySegment stat) {
        long[] words = new long[StructStat.WORDS];
        StructStat.copy(stat, words);
        return words;
    }

    @Test
    void failuresReturnTheErrnoTheyFailedWith() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp);
        int flags = FileCalls.O_PATH | FileCalls.O_DIRECTORY | FileCalls.O_NOFOLLOW | FileCalls.O_CLOEXEC;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = state(arena);
            assertEquals(-ENOENT, FileCalls.fstatat(state, FileCalls.AT_FDCWD,
                    arena.allocateFrom(tmp.resolve("missing").toString()), arena.allocate(StructStat.SIZE), 0));
            assertEquals(-ENOTDIR, FileCalls.openat(state, FileCalls.AT_FDCWD, arena.allocateFrom(file.toString()),
                    flags, 0));
            // O_PATH | O_NOFOLLOW opens the link itself, which O_DIRECTORY refuses; without O_PATH
            // the open refuses the link.
            assertEquals(-ENOTDIR, FileCalls.openat(state, FileCalls.AT_FDCWD, arena.allocateFrom(link.toString()),
                    flags, 0));
            assertEquals(-ELOOP, FileCalls.openat(state, FileCalls.AT_FDCWD, arena.allocateFrom(link.toString()),
                    FileCalls.O_RDONLY | FileCalls.O_NOFOLLOW, 0));
            int fd = FileCalls.openat(state, FileCalls.AT_FDCWD, arena.allocateFrom(tmp.toString()), flags, 0);
            assertTrue(fd >= 0, "fd " + fd);
            assertEquals(-ENOENT, FileCalls.unlinkat(state, fd, arena.allocateFrom("missing"), 0));
            assertEquals(0, FileCalls.close(state, fd));
        }
    }

    private static MemorySegment state(Arena arena) {
        return arena.allocate(FileCalls.callStateLayout());
    }

    private static long nanos(Object time) {
        return ((FileTime) time).to(TimeUnit.NANOSECONDS);
    }
}
