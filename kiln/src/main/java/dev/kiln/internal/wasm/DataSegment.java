package dev.kiln.internal.wasm;

/**
 * A data segment.
 *
 * @param mode active or passive
 * @param memoryIndex for an active segment, the memory it initializes
 * @param offset for an active segment, the constant offset expression; else {@code null}
 * @param bytes the contents
 */
public record DataSegment(SegmentMode mode, int memoryIndex, Instruction[] offset, byte[] bytes) {}
