package dev.kiln.internal.nativecode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Moves the used part of a native stack into a larger one and fixes the only stack addresses
 * that live on it: the saved-RBP chain.
 *
 * <pre>
 *   old stack                          new stack (larger)
 *   +-----------------+ oldTop ---->   +-----------------+ newTop      delta = newTop - oldTop
 *   | entry frame     |                | entry frame     |
 *   | frame: rbp=0    |<-+             | frame: rbp=0    |<-+
 *   | ...             |  |  copied     | ...             |  |  every saved RBP that pointed
 *   | frame: rbp=A  --+--+  byte for   | frame: rbp=A+d--+--+  into the old used part now
 *   | frame: rbp=B ---+     byte       | frame: rbp=B+d--+     points delta further
 *   +-----------------+ rsp  ---->     +-----------------+ rsp + delta
 *   | (free)          |                | (free, larger)  |
 * </pre>
 *
 * <p>The ABI (docs/native-abi.md) guarantees that nothing else holds a stack address across a
 * call: registers saved in the execution context hold values, not stack addresses; arguments
 * on the stack are reached through RBP or RSP. A chain ends at a saved RBP of 0, which every
 * entry stub plants under the outermost frame.
 *
 * <p>Everything read from the stack is validated before it is used: a link must be 8-aligned,
 * at least 16 bytes above the frame that holds it (so the walk ends), and inside the used part;
 * anything else is an {@link IllegalStateException}, never a wild write. All accesses go
 * through the stacks' bounded segments.
 */
final class StackMover {

    private StackMover() {}

    /**
     * Copies {@code [rsp, from.top())} to the same distance below {@code to.top()}.
     *
     * @return the distance moved, {@code to.top() - from.top()}
     */
    static long copyUsed(NativeStack from, NativeStack to, long rsp) {
        requireInUse(from, rsp, rsp, "rsp");
        long used = from.top() - rsp;
        if (used > to.segment().byteSize()) {
            throw new IllegalStateException("the new stack is smaller than the used part of the old one");
        }
        long delta = to.top() - from.top();
        MemorySegment.copy(from.segment(), from.offset(rsp), to.segment(), to.offset(rsp + delta), used);
        return delta;
    }

    /**
     * Rewrites the chain of saved RBPs that starts at {@code rbp} (an address in the old stack,
     * or 0 for no frame) in the copy on {@code to}.
     *
     * @param oldRsp the lowest used address of the old stack
     * @param oldTop the old stack's top
     * @return {@code rbp} moved by {@code delta} (0 stays 0)
     */
    static long relocateChain(NativeStack to, long oldRsp, long oldTop, long delta, long rbp) {
        if (rbp == 0) {
            return 0;
        }
        long frame = rbp;
        while (true) {
            if ((frame & 7) != 0 || frame < oldRsp || frame > oldTop - 16) {
                throw new IllegalStateException("corrupt frame chain: frame at 0x" + Long.toHexString(frame));
            }
            MemorySegment stack = to.segment();
            long at = to.offset(frame + delta);
            long next = stack.get(ValueLayout.JAVA_LONG, at);
            if (next == 0) {
                return rbp + delta;
            }
            if (next < frame + 16) {
                throw new IllegalStateException("corrupt frame chain: 0x" + Long.toHexString(frame)
                        + " links down to 0x" + Long.toHexString(next));
            }
            stack.set(ValueLayout.JAVA_LONG, at, next + delta);
            frame = next;
        }
    }

    /** Moves an address in the used part of the old stack by {@code delta}, after checking it is there. */
    static long relocate(NativeStack from, long oldRsp, long address, long delta, String what) {
        requireInUse(from, oldRsp, address, what);
        return address + delta;
    }

    private static void requireInUse(NativeStack stack, long rsp, long address, String what) {
        if (address < rsp || address > stack.top() || !stack.contains(address)) {
            throw new IllegalStateException(what + " 0x" + Long.toHexString(address) + " is outside the used stack");
        }
    }
}
