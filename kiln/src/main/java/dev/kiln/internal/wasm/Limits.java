package dev.kiln.internal.wasm;

/**
 * Size limits of a table (in elements) or memory (in 64 KiB pages).
 *
 * @param min the initial size
 * @param max the maximum size, or {@link #NO_MAX}
 */
public record Limits(long min, long max) {

    /** Marks an absent maximum. */
    public static final long NO_MAX = -1;

    /** Whether a maximum was given. */
    public boolean hasMax() {
        return max != NO_MAX;
    }

    @Override
    public String toString() {
        return hasMax() ? min + ".." + max : min + "..";
    }
}
