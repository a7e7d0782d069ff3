package dev.kiln.wasi;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directories below a sandbox's root that files were last opened in, kept open between calls
 * (at most {@value #CAPACITY}, the least recently used closed first). Opening a directory through
 * {@link SecureWalk} costs an {@code openat}, {@code dup}, {@code fdopendir} and two
 * {@code close}s per level; a program that opens many files in one directory pays that once.
 *
 * <p>A handle is used only for the directory the lookup has just found at its path: the caller
 * passes the file key its {@code lstat} of the directory saw, and a handle with another key (the
 * name was renamed away or replaced since) is closed and the directory opened afresh. A handle's
 * key never goes stale: an open directory keeps its inode (it cannot be reused while open), so
 * the key read when it was opened is the one it has for as long as it is held.
 */
final class DirectoryHandles implements Closeable {

    private static final int CAPACITY = 16;

    /** Opens a directory through the secure walk; the handles own what it returns. */
    @FunctionalInterface
    interface Opener {
        SecureDirectoryStream<Path> open() throws IOException;
    }

    private record Handle(SecureDirectoryStream<Path> stream, Object fileKey) {}

    /** In access order: the first entry is the least recently used. */
    private final Map<List<String>, Handle> handles = new LinkedHashMap<>(CAPACITY, 0.75f, true);

    /**
     * The open directory at {@code components}, which the lookup saw with {@code fileKey} (not
     * {@code null}): the
     * held one if it is that directory, else a new one from {@code opener} (held from then on,
     * with the key it really has, so a directory swapped in between is never taken for the one
     * looked up). The handles own the stream: the caller must not close it.
     */
    SecureDirectoryStream<Path> directory(List<String> components, Object fileKey, Opener opener)
            throws IOException {
        Handle held = handles.get(components);
        if (held != null && fileKey.equals(held.fileKey())) {
            return held.stream();
        }
        if (held != null) {
            handles.remove(components);
            held.stream().close();
        }
        SecureDirectoryStream<Path> stream = opener.open();
        try {
            Object key = stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
            makeRoom();
            handles.put(List.copyOf(components), new Handle(stream, key));
            return stream;
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private void makeRoom() throws IOException {
        if (handles.size() >= CAPACITY) {
            Iterator<Handle> eldest = handles.values().iterator();
            Handle evicted = eldest.next();
            eldest.remove();
            evicted.stream().close();
        }
    }

    /** Closes every held directory. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Handle handle : handles.values()) {
            try {
                handle.stream().close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        handles.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
