package dev.kiln.wasi;

/**
 * A file's identity on the host, {@code st_dev} and {@code st_ino}: the same for as long as the
 * file exists, and no other file's while it does (an open descriptor keeps it from being reused).
 * {@link DescriptorFiles} checks directories against it.
 */
record Inode(long dev, long ino) {

    static Inode of(Filestat stat) {
        return new Inode(stat.dev(), stat.ino());
    }
}
