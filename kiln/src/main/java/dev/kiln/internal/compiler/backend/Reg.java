package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Xmm;

/**
 * How machine instructions name registers: one {@code int}. Below {@link #PHYSICAL} a register
 * is a physical one, fixed by the lowering (a calling convention, {@code idiv}'s RAX and RDX, a
 * shift count in CL); from there on a virtual register the allocator gives a physical one.
 *
 * <pre>
 *   0..15    general registers by hardware encoding: RAX=0 RCX=1 RDX=2 RBX=3 RSP=4 RBP=5 ... R15=15
 *   16..31   XMM0..XMM15
 *   32..     virtual registers, numbered by their MachineFunction
 * </pre>
 */
public final class Reg {

    /** Every physical register is below this; every virtual one at or above it. */
    public static final int PHYSICAL = 32;

    private static final int XMM_BASE = 16;

    private Reg() {}

    /** The number of general register {@code gpr}. */
    public static int of(Gpr gpr) {
        return gpr.code();
    }

    /** The number of XMM register {@code xmm}. */
    public static int of(Xmm xmm) {
        return XMM_BASE + xmm.code();
    }

    /** The number of a physical {@link Gpr} or {@link Xmm}. */
    public static int of(Operand register) {
        return switch (register) {
            case Gpr g -> of(g);
            case Xmm x -> of(x);
            default -> throw new IllegalArgumentException(register + " is not a register");
        };
    }

    /** Whether {@code reg} is a physical register. */
    public static boolean isPhysical(int reg) {
        return reg >= 0 && reg < PHYSICAL;
    }

    /** Whether {@code reg} is a virtual register. */
    public static boolean isVirtual(int reg) {
        return reg >= PHYSICAL;
    }

    /** The class of a physical register. */
    public static RegClass physicalClass(int reg) {
        requirePhysical(reg);
        return reg < XMM_BASE ? RegClass.INT : RegClass.FLOAT;
    }

    /** The {@link Gpr} or {@link Xmm} that physical register {@code reg} is. */
    public static Operand physical(int reg) {
        requirePhysical(reg);
        return reg < XMM_BASE ? Gpr.of(reg) : Xmm.of(reg - XMM_BASE);
    }

    /** Physical register {@code reg} as a general register. */
    public static Gpr gpr(int reg) {
        if (reg < 0 || reg >= XMM_BASE) {
            throw new IllegalArgumentException(name(reg) + " is not a general register");
        }
        return Gpr.of(reg);
    }

    /** Physical register {@code reg} as an XMM register. */
    public static Xmm xmm(int reg) {
        if (reg < XMM_BASE || reg >= PHYSICAL) {
            throw new IllegalArgumentException(name(reg) + " is not an XMM register");
        }
        return Xmm.of(reg - XMM_BASE);
    }

    /** The bit of physical register {@code reg} in a register mask ({@code long}). */
    public static long bit(int reg) {
        requirePhysical(reg);
        return 1L << reg;
    }

    /** A mask of the given physical registers. */
    public static long mask(Iterable<? extends Operand> registers) {
        long mask = 0;
        for (Operand r : registers) {
            mask |= bit(of(r));
        }
        return mask;
    }

    /** {@code rax}, {@code xmm3}, or {@code v40} for a virtual register. */
    public static String name(int reg) {
        if (isVirtual(reg)) {
            return "v" + reg;
        }
        requirePhysical(reg);
        return reg < XMM_BASE ? Gpr.of(reg).name(dev.kiln.internal.compiler.amd64.Width.W64) : "xmm" + (reg - XMM_BASE);
    }

    private static void requirePhysical(int reg) {
        if (!isPhysical(reg)) {
            throw new IllegalArgumentException("register " + reg + " is not physical");
        }
    }
}
