package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The stack move and frame-chain rewrite, on chains laid out by hand. */
class StackMoverTest {

    /** Frames at top-64, top-160, top-400 (innermost last), each [saved rbp][return address]. */
    private static long[] layChain(NativeStack s) {
        long top = s.top();
        long[] frames = {top - 64, top - 160, top - 400};
        set(s, frames[0], 0);               // outermost: the entry stub's RBP = 0
        set(s, frames[0] + 8, 0x1111);
        set(s, frames[1], frames[0]);
        set(s, frames[1] + 8, 0x2222);
        set(s, frames[2], frames[1]);
        set(s, frames[2] + 8, 0x3333);
        set(s, frames[2] - 8, 0x4444);     // a local below the innermost frame
        return frames;
    }

    @Test
    void theUsedPartMovesAndTheChainFollows() {
        try (NativeStack small = new NativeStack(64 * 1024); NativeStack big = new NativeStack(256 * 1024)) {
            long[] f = layChain(small);
            long rsp = f[2] - 8;
            long delta = StackMover.copyUsed(small, big, rsp);
            assertEquals(big.top() - small.top(), delta);
            long rbp = StackMover.relocateChain(big, rsp, small.top(), delta, f[2]);
            assertEquals(f[2] + delta, rbp);
            assertEquals(f[1] + delta, get(big, f[2] + delta));
            assertEquals(f[0] + delta, get(big, f[1] + delta));
            assertEquals(0, get(big, f[0] + delta));
            assertEquals(0x3333, get(big, f[2] + delta + 8), "return addresses are code, not moved");
            assertEquals(0x1111, get(big, f[0] + delta + 8));
            assertEquals(0x4444, get(big, rsp + delta));
            assertEquals(0, StackMover.relocateChain(big, rsp, small.top(), delta, 0));
        }
    }

    @Test
    void aCorruptChainIsAnExceptionNotAWildWrite() {
        try (NativeStack small = new NativeStack(64 * 1024); NativeStack big = new NativeStack(256 * 1024)) {
            long[] f = layChain(small);
            long rsp = f[2] - 8;
            set(small, f[1], f[2]); // links downwards: would loop forever
            long delta = StackMover.copyUsed(small, big, rsp);
            assertThrows(IllegalStateException.class,
                    () -> StackMover.relocateChain(big, rsp, small.top(), delta, f[2]));
            set(small, f[1], 0x1234_5678_9000L); // points outside the stack
            StackMover.copyUsed(small, big, rsp);
            assertThrows(IllegalStateException.class,
                    () -> StackMover.relocateChain(big, rsp, small.top(), delta, f[2]));
            assertThrows(IllegalStateException.class,
                    () -> StackMover.relocateChain(big, rsp, small.top(), delta, f[2] + 4)); // misaligned
            assertThrows(IllegalStateException.class,
                    () -> StackMover.relocateChain(big, rsp, small.top(), delta, rsp - 64)); // below RSP
            assertThrows(IllegalStateException.class, () -> StackMover.copyUsed(small, big, small.top() + 8));
            assertThrows(IllegalStateException.class, () -> StackMover.copyUsed(big, small, big.bottom()),
                    "the used part does not fit");
        }
    }

    @Test
    void aStackHasAGuardPageAndHeadroomBelowItsBottom() throws Exception {
        try (NativeStack s = new NativeStack(100_000)) {
            assertEquals(0, s.top() % 16);
            assertTrue(s.usableSize() >= 100_000);
            assertEquals(s.usableSize(), s.top() - s.bottom());
            assertEquals(NativeStack.HEADROOM, s.bottom() - s.segment().address());
            assertEquals("---p", CodeArenaTest.permissions(s.segment().address() - 1), "the guard page");
            assertEquals("rw-p", CodeArenaTest.permissions(s.segment().address()));
        }
    }

    private static void set(NativeStack s, long address, long value) {
        s.segment().set(ValueLayout.JAVA_LONG, s.offset(address), value);
    }

    private static long get(NativeStack s, long address) {
        return s.segment().get(ValueLayout.JAVA_LONG, s.offset(address));
    }
}
