package dev.kiln.wasi;

/** The preview1 {@code filetype} values the current descriptors report. */
final class FileType {

    private FileType() {}

    /** A stream such as a terminal: wasi-libc's {@code isatty} checks for this type. */
    static final int CHARACTER_DEVICE = 2;
}
