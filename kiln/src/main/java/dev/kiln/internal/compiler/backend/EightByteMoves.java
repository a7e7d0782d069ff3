package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * A whole 8-byte value between a physical register and a frame slot (a spill slot, or a stack
 * argument or result): {@code mov} for a general register, {@code movsd} for an XMM one.
 */
final class EightByteMoves {

    private EightByteMoves() {}

    static void load(Assembler a, RegClass regClass, int reg, Mem from) {
        if (regClass == RegClass.INT) {
            a.mov(Width.W64, Reg.gpr(reg), from);
        } else {
            a.movsd(Reg.xmm(reg), from);
        }
    }

    static void store(Assembler a, RegClass regClass, Mem to, int reg) {
        if (regClass == RegClass.INT) {
            a.mov(Width.W64, to, Reg.gpr(reg));
        } else {
            a.movsd(to, Reg.xmm(reg));
        }
    }
}
