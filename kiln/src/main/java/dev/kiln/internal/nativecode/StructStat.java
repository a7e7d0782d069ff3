package dev.kiln.internal.nativecode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads Linux x86-64's {@code struct stat}, as {@link FileCalls#fstatat} fills it. glibc's
 * structure on x86-64 is the kernel's, 144 bytes, every field at its natural alignment:
 *
 * <pre>
 *  offset  size  field
 *       0     8  st_dev
 *       8     8  st_ino
 *      16     8  st_nlink      (before st_mode on x86-64, unlike most other ABIs)
 *      24     4  st_mode
 *      28     4  st_uid
 *      32     4  st_gid
 *      36     4  (padding)
 *      40     8  st_rdev
 *      48     8  st_size
 *      56     8  st_blksize
 *      64     8  st_blocks
 *      72     8  st_atim.tv_sec
 *      80     8  st_atim.tv_nsec
 *      88     8  st_mtim.tv_sec
 *      96     8  st_mtim.tv_nsec
 *     104     8  st_ctim.tv_sec
 *     112     8  st_ctim.tv_nsec
 *     120    24  (reserved)
 * </pre>
 *
 * {@code StructStatTest} checks these offsets against what the JDK's {@code unix:} attributes
 * report for the same files.
 */
public final class StructStat {

    /** The structure's size, what a buffer for {@link FileCalls#fstatat} must hold. */
    public static final long SIZE = 144;

    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;

    private StructStat() {}

    public static long dev(MemorySegment stat) {
        return stat.get(U64, 0);
    }

    public static long ino(MemorySegment stat) {
        return stat.get(U64, 8);
    }

    public static long nlink(MemorySegment stat) {
        return stat.get(U64, 16);
    }

    /** {@code st_mode}: the file type ({@code S_IFMT} bits) and the permissions. */
    public static int mode(MemorySegment stat) {
        return stat.get(U32, 24);
    }

    public static long size(MemorySegment stat) {
        return stat.get(U64, 48);
    }

    /** The last access, in nanoseconds since the epoch. */
    public static long atimNanos(MemorySegment stat) {
        return nanos(stat, 72);
    }

    /** The last modification, in nanoseconds since the epoch. */
    public static long mtimNanos(MemorySegment stat) {
        return nanos(stat, 88);
    }

    /** The last status change, in nanoseconds since the epoch. */
    public static long ctimNanos(MemorySegment stat) {
        return nanos(stat, 104);
    }

    /** Saturated at the ends of {@code long}, as {@code FileTime.to(NANOSECONDS)} is. */
    private static long nanos(MemorySegment stat, long offset) {
        long seconds = stat.get(U64, offset);
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), stat.get(U64, offset + 8));
        } catch (ArithmeticException overflow) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
