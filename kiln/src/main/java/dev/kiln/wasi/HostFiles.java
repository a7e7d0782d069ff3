package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.util.Set;
import java.util.SortedMap;

/**
 * How a {@link Sandbox} reaches the host: the cursor its lookups walk with, and the calls made on
 * what a lookup found. {@link DescriptorFiles} makes every call relative to a directory
 * descriptor the lookup itself opened; {@link PathFiles}, the pure-Java fallback, uses checked
 * host paths and {@link SecureWalk}. The sandbox decides what is allowed before any of these is
 * called: they only carry it out.
 */
interface HostFiles extends Closeable {

    /** A cursor for one lookup, standing at the root. */
    Sandbox.Cursor cursor();

    /** The identity of the root directory. */
    Object rootKey();

    /** The identity of the existing directory {@code directory}, which its descriptor is checked against. */
    Object directoryKey(Sandbox.Resolved directory);

    /** Opens the regular file {@code target} (the last component not followed). */
    FileIo openFile(Sandbox.Resolved target, Set<OpenOption> options) throws IOException;

    /** The status of {@code target} now, a link not followed: of a file just created. */
    Filestat stat(Sandbox.Resolved target) throws IOException;

    /** {@code mkdir}: a directory at the missing {@code target}. */
    void createDirectory(Sandbox.Resolved target) throws IOException;

    /** Removes the file or link (never a directory) {@code target}. */
    void deleteFile(Sandbox.Resolved target) throws IOException;

    /** Removes the empty directory {@code target}. */
    void deleteDirectory(Sandbox.Resolved target) throws IOException;

    /**
     * {@code rename(2)}: moves {@code from} to {@code to} (which may be in another sandbox),
     * replacing what is there; across file systems {@link java.nio.file.AtomicMoveNotSupportedException}.
     */
    void rename(Sandbox.Resolved from, Sandbox.Resolved to) throws IOException;

    /** A hard link at the missing {@code target} to {@code source} (not followed if a link). */
    void link(Sandbox.Resolved source, Sandbox.Resolved target) throws IOException;

    /** A symbolic link at the missing {@code link} holding {@code target} as given. */
    void symlink(String target, Sandbox.Resolved link) throws IOException;

    /**
     * The names in the directory {@code directory} (a lookup that ended on it), each with its
     * status (a link not followed), in sorted order; a name removed while listing is left out.
     */
    SortedMap<String, Filestat> list(Sandbox.Resolved directory) throws IOException;

    /** The target of the link {@code link}. */
    String readLink(Sandbox.Resolved link) throws IOException;

    /**
     * Sets the access and modification times of {@code target} itself (a link not followed) as
     * {@link Filestat#setTimes} describes.
     */
    void setTimes(Sandbox.Resolved target, long atim, long mtim, int fstFlags, long now) throws IOException;
}
