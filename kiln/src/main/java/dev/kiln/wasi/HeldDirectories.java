package dev.kiln.wasi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directories below a sandbox's root that {@link DescriptorFiles}' lookups last ended in,
 * held open between calls (at most {@value #CAPACITY}; the one kept longest ago goes first), so
 * a program working in one directory walks to it with one {@code fstatat} per component instead
 * of an {@code openat}, an {@code fstat} and a {@code close}.
 *
 * <p>A held directory is used only for the directory the lookup has just found at its path: the
 * caller passes the identity its {@code fstatat} saw, and a directory with another identity (the
 * name was renamed away or replaced since) is not taken. Directories leave the cache only when a
 * lookup keeps another, and are closed only when the next lookup starts ({@link #closeRetired}):
 * a call that made two lookups (a rename, a link) still uses the first one's directory after
 * the second, and its descriptor number must not have been reused meanwhile.
 */
final class HeldDirectories {

    private static final int CAPACITY = 16;

    /** In the order they were kept: the first entry goes first. */
    private final Map<List<String>, HostDirectory> held = new LinkedHashMap<>();
    private final List<HostDirectory> retired = new ArrayList<>();
    /** The directory kept last, the youngest entry: kept again, it stays where it is. */
    private HostDirectory youngest;

    /** The held directory at {@code components} if it is {@code inode}, else {@code null}. */
    HostDirectory find(List<String> components, Inode inode) {
        HostDirectory directory = held.get(components);
        return directory != null && directory.inode().equals(inode) ? directory : null;
    }

    /** Holds {@code directory}, found at {@code components}, as the most recently kept. */
    void keep(List<String> components, HostDirectory directory) {
        if (directory == youngest) {
            return;
        }
        youngest = directory;
        HostDirectory previous = held.remove(components);
        if (previous != null && previous != directory) {
            retired.add(previous);
        }
        held.put(List.copyOf(components), directory);
        if (held.size() > CAPACITY) {
            Iterator<HostDirectory> eldest = held.values().iterator();
            retired.add(eldest.next());
            eldest.remove();
        }
    }

    /** Closes the directories that left the cache; called when a lookup starts. */
    void closeRetired(DirectoryCalls calls) {
        if (retired.isEmpty()) {
            return;
        }
        for (HostDirectory directory : retired) {
            directory.close(calls);
        }
        retired.clear();
    }

    /** Closes every directory, held or retired. */
    void close(DirectoryCalls calls) {
        retired.addAll(held.values());
        held.clear();
        youngest = null;
        closeRetired(calls);
    }
}
