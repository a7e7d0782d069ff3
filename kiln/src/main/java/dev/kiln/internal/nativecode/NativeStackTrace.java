package dev.kiln.internal.nativecode;

import dev.kiln.WasmStackFrame;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The Wasm stack trace of a trap in native code, read off the native stack along the saved-RBP
 * chain.
 *
 * <pre>
 *   exit state (context)            native stack
 *     wasmResume: the trap site ──▶ frameStoppedAt(site)          innermost frame
 *     wasmRbp ─────────────────▶  | saved rbp ──┐ | return addr ──▶ frameStoppedAt: its caller
 *                                 | ...         │ |
 *                               ┌─| saved rbp ◀─┘ | return addr ──▶ frameStoppedAt: the caller's caller
 *                               └▶ 0: the entry stub's end of the chain
 *   then each suspended outer exit (a host function that called native code again), the same
 *   way, innermost first: its resume address (in a trampoline: no frame) and its RBP chain.
 * </pre>
 *
 * <p>Each frame carries the byte offset its function's {@link SourceMap} gives the address it
 * stopped at: the call for a caller, the failed check (or the host call) for the innermost.
 *
 * <p>A function without a frame of its own (no {@code push rbp; mov rbp, rsp}) shows where it
 * traps, but its caller's frame is then skipped: RBP still points at the caller's caller.
 * Code that no {@link FrameMap} entry describes (stubs, trampolines) is left out.
 *
 * <p>The stack is native code's: every link is checked before it is followed (8-aligned, inside
 * the used stack, at least 16 bytes above the previous frame, so the walk ends) and read through
 * the stack's bounded segment; a bad link ends the trace there instead of failing, since a trap
 * is already being reported. At most {@link #MAX_FRAMES} frames are kept, the innermost.
 */
final class NativeStackTrace {

    /** As deep as the interpreter's default call depth: deeper traces say nothing more. */
    static final int MAX_FRAMES = 100_000;

    private final NativeStack stack;
    private final FrameMap frames;
    private final List<WasmStackFrame> trace = new ArrayList<>();

    private NativeStackTrace(NativeStack stack, FrameMap frames) {
        this.stack = stack;
        this.frames = frames;
    }

    /**
     * The frames of the exit in {@code context}, then those of each suspended outer exit
     * (innermost last in {@code suspended}).
     */
    static List<WasmStackFrame> of(MemorySegment context, List<MemorySegment> suspended, NativeStack stack,
            FrameMap frames) {
        NativeStackTrace walk = new NativeStackTrace(stack, frames);
        walk.exitState(context);
        for (int i = suspended.size() - 1; i >= 0 && walk.trace.size() < MAX_FRAMES; i--) {
            walk.exitState(suspended.get(i));
        }
        return walk.trace;
    }

    private void exitState(MemorySegment state) {
        addFrameAt(state.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RESUME));
        long rsp = state.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RSP);
        long rbp = state.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RBP);
        long lowest = rsp;
        MemorySegment segment = stack.segment();
        while (rbp != 0 && trace.size() < MAX_FRAMES && isFrame(rbp, lowest)) {
            addFrameAt(segment.get(ValueLayout.JAVA_LONG, stack.offset(rbp + 8)));
            lowest = rbp + 16;
            rbp = segment.get(ValueLayout.JAVA_LONG, stack.offset(rbp));
        }
    }

    /** Whether a frame's two words at {@code rbp} lie in the used stack, at or above {@code lowest}. */
    private boolean isFrame(long rbp, long lowest) {
        return (rbp & 7) == 0 && rbp >= lowest && rbp <= stack.top() - 16 && stack.contains(rbp);
    }

    /**
     * Adds the function holding the byte before {@code pc}, with the byte offset of the
     * instruction it stopped at: a return address (or the trap site's resume mark) points just past
     * the call (or the mark), which may be the function's end.
     */
    private void addFrameAt(long pc) {
        if (pc == 0 || trace.size() >= MAX_FRAMES) {
            return;
        }
        WasmStackFrame frame = frames.frameStoppedAt(pc);
        if (frame != null) {
            trace.add(frame);
        }
    }
}
