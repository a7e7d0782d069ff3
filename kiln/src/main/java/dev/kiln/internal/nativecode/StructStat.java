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
 * The fields are read from a copy of its first {@link #WORDS} words ({@link #copy}).
 * {@code StructStatTest} checks these offsets against what the JDK's {@code unix:} attributes
 * report for the same files.
 */
public final class StructStat {

    /** The structure's size, what a buffer for {@link FileCalls#fstatat} must hold. */
    public static final long SIZE = 144;

    /**
     * The eight-byte words the fields are read from: {@code st_dev} to {@code st_ctim}, copied out
     * of native memory in one go ({@link #copy}), since every field read from the segment itself
     * would be a checked access of its own, which the JIT's first tier does not fold away.
     */
    public static final int WORDS = 15;

    private StructStat() {}

    /** Copies the words of the structure {@code stat} into {@code words}, at least {@link #WORDS} long. */
    public static void copy(MemorySegment stat, long[] words) {
        MemorySegment.copy(stat, ValueLayout.JAVA_LONG_UNALIGNED, 0, words, 0, WORDS);
    }

    public static long dev(long[] words) {
        return words[0];
    }

    public static long ino(long[] words) {
        return words[1];
    }

    public static long nlink(long[] words) {
        return words[2];
    }

    /** {@code st_mode}: the file type ({@code S_IFMT} bits) and the permissions; the low half of word 3 (little-endian). */
    public static int mode(long[] words) {
        return (int) words[3];
    }

    public static long size(long[] words) {
        return words[6];
    }

    /** The last access, in nanoseconds since the epoch. */
    public static long atimNanos(long[] words) {
        return nanos(words, 9);
    }

    /** The last modification, in nanoseconds since the epoch. */
    public static long mtimNanos(long[] words) {
        return nanos(words, 11);
    }

    /** The last status change, in nanoseconds since the epoch. */
    public static long ctimNanos(long[] words) {
        return nanos(words, 13);
    }

    /** Saturated at the ends of {@code long}, as {@code FileTime.to(NANOSECONDS)} is. */
    private static long nanos(long[] words, int index) {
        long seconds = words[index];
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), words[index + 1]);
        } catch (ArithmeticException overflow) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
