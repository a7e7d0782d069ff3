package dev.kiln.internal.nativecode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

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
     * Serves a GROW_STACK exit: a new stack with room for the used part of {@code stack} plus
     * the frame that asked ({@code stackGrowRequired} in the context), at least twice as large,
     * at most {@code maxStack}; the used part copied, and the exit states of {@code context}
     * and of every suspended outer exit moved along, their RBP chains rewritten. The caller
     * frees the old stack.
     *
     * @return the new stack, or {@code null} when the stack would outgrow {@code maxStack} (a
     *     stack-overflow trap, which the caller raises with the stack trace)
     */
    static NativeStack grow(NativeStack stack, long maxStack, MemorySegment context, List<MemorySegment> suspended) {
        long required = context.get(ValueLayout.JAVA_LONG, ContextLayout.STACK_GROW_REQUIRED);
        long rsp = context.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RSP);
        long oldTop = stack.top();
        if (required < 0 || !stack.contains(rsp)) {
            throw new IllegalStateException("native code asked to grow the stack with a bad frame size or RSP");
        }
        // A frame larger than the ceiling is a function's honest request, not corruption: it
        // overflows like a deep recursion does (checked first so the sum below cannot wrap).
        if (required > maxStack || oldTop - rsp + required > maxStack) {
            return null;
        }
        long needed = oldTop - rsp + required;
        NativeStack bigger = new NativeStack(Math.min(maxStack, Math.max(needed + needed / 2, stack.usableSize() * 2)));
        try {
            long delta = copyUsed(stack, bigger, rsp);
            relocateExitState(context, stack, bigger, rsp, delta);
            for (MemorySegment outer : suspended) {
                relocateExitState(outer, stack, bigger, rsp, delta);
            }
            return bigger;
        } catch (RuntimeException | Error e) {
            bigger.close();
            throw e;
        }
    }

    /** Moves one exit state's RSP and RBP (and its RBP chain) from {@code from} to {@code to}. */
    private static void relocateExitState(MemorySegment state, NativeStack from, NativeStack to, long oldRsp,
            long delta) {
        long rsp = state.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RSP);
        long rbp = state.get(ValueLayout.JAVA_LONG, ContextLayout.WASM_RBP);
        state.set(ValueLayout.JAVA_LONG, ContextLayout.WASM_RSP, relocate(from, oldRsp, rsp, delta, "exit rsp"));
        state.set(ValueLayout.JAVA_LONG, ContextLayout.WASM_RBP, relocateChain(to, oldRsp, from.top(), delta, rbp));
    }

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
