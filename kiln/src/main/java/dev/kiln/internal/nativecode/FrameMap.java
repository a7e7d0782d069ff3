package dev.kiln.internal.nativecode;

import dev.kiln.WasmStackFrame;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which WebAssembly function each piece of a {@link CodeArena}'s code is: what turns the code
 * addresses on a native stack into a {@link dev.kiln.TrapException}'s Wasm stack trace.
 *
 * <pre>
 *   start address ──▶ [start, end) and its WasmStackFrame      lookups: the greatest start
 *   0x7f..1000        [0x7f..1000, 0x7f..1040)  app.fib        at or below the address, then
 *   0x7f..1040        [0x7f..1040, 0x7f..10c0)  app.main       a check that it lies below end
 * </pre>
 *
 * <p>Each range also holds its function's {@link SourceMap}, which gives a frame the byte offset
 * of the instruction it stopped at. Ranges never overlap. Code nobody described (stubs, trampolines, the grow sequence) maps to
 * nothing, so a trace simply leaves it out. Lookups run on any thread while the compiler may
 * still describe a newer module's code, hence a concurrent map.
 */
final class FrameMap {

    private record Range(long end, WasmStackFrame frame, SourceMap sources) {}

    private final ConcurrentSkipListMap<Long, Range> ranges = new ConcurrentSkipListMap<>();

    /**
     * Records that {@code [start, start + length)} is the code of {@code frame}'s function, whose
     * stopping points {@code sources} maps to byte offsets.
     *
     * @throws IllegalArgumentException when the range is empty or overlaps one already recorded
     */
    synchronized void add(long start, long length, WasmStackFrame frame, SourceMap sources) {
        if (length <= 0) {
            throw new IllegalArgumentException("a function's code needs at least one byte, got " + length);
        }
        long end = start + length;
        Map.Entry<Long, Range> below = ranges.floorEntry(end - 1);
        if (below != null && below.getValue().end > start) {
            throw new IllegalArgumentException("code at 0x" + Long.toHexString(start) + ".." + Long.toHexString(end)
                    + " overlaps " + below.getValue().frame + " at 0x" + Long.toHexString(below.getKey()));
        }
        ranges.put(start, new Range(end, frame, sources));
    }

    /** Forgets every range that starts in {@code [start, end)}: that code is unmapped. */
    synchronized void removeWithin(long start, long end) {
        ranges.subMap(start, end).clear();
    }

    /** The function whose code holds {@code address}, or {@code null}. */
    WasmStackFrame frameAt(long address) {
        Map.Entry<Long, Range> entry = rangeAt(address);
        return entry != null ? entry.getValue().frame : null;
    }

    /**
     * The frame of the code that returns to, or trapped at, {@code pc} (a return address, or the
     * resume address of an exit or trap): the function holding the byte before {@code pc}, with
     * the byte offset its source map gives {@code pc}; {@code null} if no function holds it.
     */
    WasmStackFrame frameStoppedAt(long pc) {
        Map.Entry<Long, Range> entry = rangeAt(pc - 1);
        if (entry == null) {
            return null;
        }
        WasmStackFrame frame = entry.getValue().frame;
        int byteOffset = entry.getValue().sources.byteOffsetAt(pc - entry.getKey());
        return byteOffset < 0 ? frame
                : new WasmStackFrame(frame.moduleName(), frame.functionIndex(), frame.functionName(), byteOffset);
    }

    /** The range holding {@code address} (its start and what it says), or {@code null}. */
    private Map.Entry<Long, Range> rangeAt(long address) {
        Map.Entry<Long, Range> entry = ranges.floorEntry(address);
        return entry != null && address < entry.getValue().end ? entry : null;
    }
}
