package dev.kiln.internal.compiler.regalloc;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Xmm;
import dev.kiln.internal.compiler.backend.Reg;
import dev.kiln.internal.compiler.backend.RegClass;
import dev.kiln.internal.nativecode.Abi;

/**
 * The registers the allocator may assign, per class, in the order it tries them: caller-saved
 * ones first (a value that lives across a call cannot take them anyway, because the call's
 * clobbers are fixed ranges there), so callee-saved registers, which the prologue must save,
 * go to values that need them. Argument registers come last among the caller-saved ones; the
 * lowering fixes them around calls. Never RSP or RBP.
 */
final class AllocatableRegisters {

    static final long CALLEE_SAVED = Reg.mask(Abi.CALLEE_SAVED);

    private static final int[] INT = {
        Reg.of(Gpr.R11), Reg.of(Gpr.R10), Reg.of(Gpr.R9), Reg.of(Gpr.R8), Reg.of(Gpr.RSI), Reg.of(Gpr.RDI),
        Reg.of(Gpr.RCX), Reg.of(Gpr.RBX), Reg.of(Gpr.RAX),
        Reg.of(Gpr.R12), Reg.of(Gpr.R13), Reg.of(Gpr.R14), Reg.of(Gpr.R15), Reg.of(Gpr.RDX),
    };

    private static final int[] FLOAT = {
        Reg.of(Xmm.XMM7), Reg.of(Xmm.XMM6), Reg.of(Xmm.XMM5), Reg.of(Xmm.XMM4),
        Reg.of(Xmm.XMM3), Reg.of(Xmm.XMM2), Reg.of(Xmm.XMM1), Reg.of(Xmm.XMM0),
        Reg.of(Xmm.XMM8), Reg.of(Xmm.XMM9), Reg.of(Xmm.XMM10), Reg.of(Xmm.XMM11),
        Reg.of(Xmm.XMM12), Reg.of(Xmm.XMM13), Reg.of(Xmm.XMM14), Reg.of(Xmm.XMM15),
    };

    static final long ALL = mask(INT) | mask(FLOAT);

    private AllocatableRegisters() {}

    /** The registers of {@code regClass} in preference order. */
    static int[] of(RegClass regClass) {
        return regClass == RegClass.INT ? INT : FLOAT;
    }

    private static long mask(int[] regs) {
        long mask = 0;
        for (int reg : regs) {
            mask |= Reg.bit(reg);
        }
        return mask;
    }
}
