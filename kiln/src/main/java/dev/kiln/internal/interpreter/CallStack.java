package dev.kiln.internal.interpreter;

import dev.kiln.TrapKind;
import dev.kiln.internal.runtime.Interruptible;
import dev.kiln.internal.runtime.Trap;
import java.util.Arrays;

/**
 * One thread's interpreter stacks: the value stack every frame lives in, and the saved frames
 * of suspended callers (function, return position, frame pointer). Kept per thread (a
 * {@link ThreadLocal}, so a thread that ends, virtual or not, leaves nothing behind) and reused
 * from call to call; both grow on demand, the value stack up to {@link #MAX_SLOTS}, and are
 * trimmed back after each outermost call ({@link #trim}). Between calls it holds no reference
 * to any instance or function.
 *
 * <p>The running function of each active interpreter loop is not in the saved frames; a loop
 * that calls out to a host function saves its frame first, so the frames always hold every
 * suspended WebAssembly function on the thread, including those below host-to-Wasm
 * re-entries. Their count is the call depth the limit applies to.
 *
 * <p>It is also the thread's {@link Interruptible}: the loop polls {@link #interrupted} on
 * every taken backward branch and every call.
 */
final class CallStack implements Interruptible {

    /** The value stack's cap in slots (256 MiB); needing more is a stack-overflow trap. */
    static final int MAX_SLOTS = 1 << 25;

    private static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(CallStack::new);

    private static final int INITIAL_SLOTS = 4096;
    private static final int INITIAL_FRAMES = 64;

    long[] slots = new long[INITIAL_SLOTS];
    WasmFunction[] functions = new WasmFunction[INITIAL_FRAMES];
    int[] returnPcs = new int[INITIAL_FRAMES];
    int[] framePointers = new int[INITIAL_FRAMES];
    /** Saved frames. */
    int frames;
    /** The first slot above every live frame: where a re-entry from a host function starts. */
    int top;
    /** How many interpreter entries (Java calls into Wasm) are active on this thread. */
    int entries;
    /** Saved frames below the innermost entry: returning past them leaves the loop. */
    int entryFrames;
    /** The most saved frames there may be before a call; one more would exceed the depth limit. */
    int frameLimit;

    /**
     * Raised by {@link #interrupt()}; cleared when an outermost entry starts. The loop reads the
     * field itself, not through a method or a {@code VarHandle}: it polls on every taken branch
     * and call, and each call it holds costs the JIT's inlining budget for the loop. Volatile,
     * so the read is never hoisted out of a loop (on x86 it is a plain load).
     */
    volatile boolean interrupted;

    /** {@link #hostArray}'s arrays, by {@link #entries}: a host function's nested calls get their own. */
    private long[][] hostArrays = new long[4][];

    static CallStack current() {
        return CURRENT.get();
    }

    @Override
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public boolean isInterrupted() {
        return interrupted;
    }

    /** Forgets an interruption of an earlier outermost call (one that raced with its end). */
    void clearInterrupt() {
        interrupted = false;
    }

    /**
     * The {@code long[] stack} for a call out to a host function: reused by every call at the
     * same entry depth (a host function may keep it only while it runs), so interpreted code
     * calling Java allocates nothing. Slots past the {@code params} the caller fills are zeroed.
     */
    long[] hostArray(int params, int length) {
        if (entries >= hostArrays.length) {
            hostArrays = Arrays.copyOf(hostArrays, Math.max(entries + 1, 2 * hostArrays.length));
        }
        long[] array = hostArrays[entries];
        if (array == null || array.length != length) {
            array = new long[length];
            hostArrays[entries] = array;
        } else if (length > params) {
            Arrays.fill(array, params, length, 0L);
        }
        return array;
    }

    /** Makes the value stack at least {@code needed} slots long; returns it. */
    long[] ensureSlots(int needed) {
        if (needed > slots.length) {
            if (needed > MAX_SLOTS || needed < 0) {
                throw new Trap(TrapKind.STACK_OVERFLOW);
            }
            slots = Arrays.copyOf(slots, (int) Math.min(MAX_SLOTS, Math.max(needed, 2L * slots.length)));
        }
        return slots;
    }

    void push(WasmFunction function, int returnPc, int framePointer) {
        int i = frames;
        if (i == functions.length) {
            growFrames();
        }
        functions[i] = function;
        returnPcs[i] = returnPc;
        framePointers[i] = framePointer;
        frames = i + 1;
    }

    private void growFrames() {
        int length = functions.length * 2;
        functions = Arrays.copyOf(functions, length);
        returnPcs = Arrays.copyOf(returnPcs, length);
        framePointers = Arrays.copyOf(framePointers, length);
    }

    /**
     * After an outermost call: gives back what a deep call grew, so a thread that stays alive
     * (a pool's) keeps a small stack between calls, not the 256 MiB a deep recursion may take.
     */
    void trim() {
        if (slots.length > INITIAL_SLOTS) {
            slots = new long[INITIAL_SLOTS];
        }
        if (functions.length > INITIAL_FRAMES) {
            functions = new WasmFunction[INITIAL_FRAMES];
            returnPcs = new int[INITIAL_FRAMES];
            framePointers = new int[INITIAL_FRAMES];
        }
        if (hostArrays.length > 4) {
            hostArrays = new long[4][];
        }
    }

    /** Drops the frames above {@code savedFrames} (after a return, trap or exception). */
    void unwind(int savedFrames, int savedTop) {
        Arrays.fill(functions, savedFrames, frames, null);
        frames = savedFrames;
        top = savedTop;
    }
}
