package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Mem;

/**
 * A stack value of the calling convention: a parameter or result slot in the caller's outgoing
 * area. Seen from the callee, its incoming ones are above RBP; seen from a caller, the area of
 * the call it makes is at RSP. (docs/native-abi.md, "Frames", has the picture.)
 */
public record FrameSlot(Base base, int offset) {

    public enum Base {
        /** This function's incoming area: {@code [RBP + 16 + offset]}. */
        INCOMING,
        /** The outgoing area of a call this function makes: {@code [RSP + offset]}. */
        OUTGOING
    }

    Mem operand() {
        return base == Base.INCOMING ? Mem.of(Gpr.RBP, 16 + offset) : Mem.of(Gpr.RSP, offset);
    }

    @Override
    public String toString() {
        return (base == Base.INCOMING ? "in" : "out") + "+" + offset;
    }
}
