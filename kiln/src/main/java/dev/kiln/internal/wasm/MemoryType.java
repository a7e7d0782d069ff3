package dev.kiln.internal.wasm;

/**
 * A linear memory: its size limits in 64 KiB pages.
 *
 * @param limits the size limits in pages
 */
public record MemoryType(Limits limits) {

    /** Bytes in one page. */
    public static final int PAGE_SIZE = 65536;

    /** The most pages a 32-bit memory can have. */
    public static final int MAX_PAGES = 65536;
}
