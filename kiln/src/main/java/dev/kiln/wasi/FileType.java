package dev.kiln.wasi;

import java.nio.file.attribute.BasicFileAttributes;

/** The preview1 {@code filetype} values. */
final class FileType {

    private FileType() {}

    static final int UNKNOWN = 0;
    static final int BLOCK_DEVICE = 1;
    /** A stream such as a terminal: wasi-libc's {@code isatty} checks for this type. */
    static final int CHARACTER_DEVICE = 2;
    static final int DIRECTORY = 3;
    static final int REGULAR_FILE = 4;
    static final int SOCKET_DGRAM = 5;
    static final int SOCKET_STREAM = 6;
    static final int SYMBOLIC_LINK = 7;

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;

    /**
     * The type of a file from its attributes (read without following links) and, where the
     * platform has it, its Unix {@code st_mode}, which tells devices and sockets apart. FIFOs are
     * {@link #UNKNOWN}: preview1 has no type for them.
     */
    static int of(BasicFileAttributes attributes, int mode) {
        if (attributes.isSymbolicLink()) {
            return SYMBOLIC_LINK;
        }
        if (attributes.isDirectory()) {
            return DIRECTORY;
        }
        if (attributes.isRegularFile()) {
            return REGULAR_FILE;
        }
        return switch (mode & S_IFMT) {
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            case S_IFSOCK -> SOCKET_STREAM;
            default -> UNKNOWN;
        };
    }

    /** The type of a file from its Unix {@code st_mode} alone. FIFOs are {@link #UNKNOWN}. */
    static int ofMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFLNK -> SYMBOLIC_LINK;
            case S_IFDIR -> DIRECTORY;
            case S_IFREG -> REGULAR_FILE;
            case S_IFCHR -> CHARACTER_DEVICE;
            case S_IFBLK -> BLOCK_DEVICE;
            case S_IFSOCK -> SOCKET_STREAM;
            default -> UNKNOWN;
        };
    }
}
