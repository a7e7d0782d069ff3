package dev.kiln.internal.runtime;

import java.lang.foreign.MemorySegment;

/**
 * Makes a function's native record callable from native code: writes its code address, module
 * context and reference id ({@link FunctionRecord}). An engine that runs native code installs one
 * in its store; a function of any engine (or a host function) that enters a table is then
 * reachable through {@code call_indirect}.
 */
@FunctionalInterface
public interface RecordFiller {
    void fill(FunctionInstance function, MemorySegment record);
}
