package dev.kiln.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A preview1 {@code filestat}: {@code {u64 dev; u64 ino; u8 filetype; u64 nlink; u64 size;
 * u64 atim; u64 mtim; u64 ctim}}, 64 bytes, times in nanoseconds since the epoch.
 */
record Filestat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {

    static final int SIZE = 64;

    static final int ATIM = 1;
    static final int ATIM_NOW = 2;
    static final int MTIM = 4;
    static final int MTIM_NOW = 8;

    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime";

    /** What a stream reports: a character device with nothing else known. */
    static Filestat characterDevice() {
        return new Filestat(0, 0, FileType.CHARACTER_DEVICE, 1, 0, 0, 0, 0);
    }

    /**
     * The status of {@code path} itself (a link is not followed): device and inode numbers, link
     * count and change time from the Unix attributes where the platform has them, all read with
     * one {@code lstat}.
     */
    static Filestat of(Path path) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(path, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new Filestat(((Number) unix.get("dev")).longValue(), ((Number) unix.get("ino")).longValue(),
                    FileType.ofMode(((Number) unix.get("mode")).intValue()), ((Number) unix.get("nlink")).longValue(),
                    ((Number) unix.get("size")).longValue(), nanos((FileTime) unix.get("lastAccessTime")),
                    nanos((FileTime) unix.get("lastModifiedTime")), nanos((FileTime) unix.get("ctime")));
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // Not a Unix file system: an inode-like number from the file key keeps readdir's
            // d_ino and fd_filestat_get's ino consistent with each other.
            BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Object key = basic.fileKey();
            return new Filestat(0, key == null ? 0 : key.hashCode() & 0xFFFF_FFFFL, FileType.of(basic, 0), 1,
                    basic.size(), nanos(basic.lastAccessTime()), nanos(basic.lastModifiedTime()),
                    nanos(basic.creationTime()));
        }
    }

    static long nanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** Writes this at {@code address}, padding zeroed. */
    void write(GuestMemory memory, long address) {
        memory.check(address, SIZE);
        memory.writeLong(address, dev);
        memory.writeLong(address + 8, ino);
        memory.writeLong(address + 16, filetype & 0xFF); // little-endian: the u8, then 7 bytes of padding
        memory.writeLong(address + 24, nlink);
        memory.writeLong(address + 32, size);
        memory.writeLong(address + 40, atim);
        memory.writeLong(address + 48, mtim);
        memory.writeLong(address + 56, ctim);
    }

    /** Fails with {@link Errno#INVAL} for unknown {@code fstflags} bits or a time both given and "now". */
    static void checkTimeFlags(int fstFlags) {
        if ((fstFlags & ~(ATIM | ATIM_NOW | MTIM | MTIM_NOW)) != 0
                || (fstFlags & (ATIM | ATIM_NOW)) == (ATIM | ATIM_NOW)
                || (fstFlags & (MTIM | MTIM_NOW)) == (MTIM | MTIM_NOW)) {
            throw new ErrnoException(Errno.INVAL);
        }
    }

    /**
     * {@code *_filestat_set_times} on {@code path} itself (links not followed): each of the access
     * and modification times is set to the given one, to {@code now}, or left alone, as
     * {@code fstFlags} says.
     */
    static void setTimes(Path path, long atim, long mtim, int fstFlags, long now) throws IOException {
        checkTimeFlags(fstFlags);
        Long access = timeToSet(fstFlags, ATIM, ATIM_NOW, atim, now);
        Long modified = timeToSet(fstFlags, MTIM, MTIM_NOW, mtim, now);
        if (access == null && modified == null) {
            return;
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(fileTime(modified), fileTime(access), null);
    }

    /**
     * The time in nanoseconds {@code flags} set one field to: {@code value} if the {@code given}
     * bit is set, {@code now} if the {@code current} one is, else {@code null} (left as it is).
     */
    static Long timeToSet(int flags, int given, int current, long value, long now) {
        if ((flags & given) != 0) {
            return value;
        }
        return (flags & current) != 0 ? now : null;
    }

    private static FileTime fileTime(Long nanos) {
        return nanos == null ? null : FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }
}
