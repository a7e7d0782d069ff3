package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;
import dev.kiln.internal.compiler.ssa.FloatCondition;
import java.util.Locale;

/**
 * A float compare of the holder's first two uses, emitted as {@code ucomis} and the jumps taken
 * when WebAssembly's comparison holds. A NaN makes every comparison false except {@code ne}:
 * {@code ucomis} reports "unordered" with ZF = PF = CF = 1, so {@code gt}/{@code ge} are
 * {@code a}/{@code ae} (false when unordered), {@code lt}/{@code le} the same with the operands
 * swapped, and {@code eq}/{@code ne} test PF first.
 */
record FloatComparison(FloatCondition condition, Width width) {

    /** Jumps to {@code target} if the comparison of {@code holder}'s uses 0 and 1 holds; else falls through. */
    void jumpIfTrue(Assembler a, MachineInstruction holder, Label target) {
        Xmm x = Reg.xmm(holder.use(0));
        Xmm y = Reg.xmm(holder.use(1));
        switch (condition) {
            case GT, GE -> compare(a, x, y);
            case LT, LE -> compare(a, y, x);
            case EQ, NE -> compare(a, x, y);
        }
        switch (condition) {
            case GT, LT -> a.jcc(Condition.A, target);
            case GE, LE -> a.jcc(Condition.AE, target);
            case EQ -> {
                Label unordered = a.newLabel();
                a.jcc(Condition.P, unordered);
                a.jcc(Condition.E, target);
                a.bind(unordered);
            }
            case NE -> {
                a.jcc(Condition.P, target);
                a.jcc(Condition.NE, target);
            }
        }
    }

    private void compare(Assembler a, Xmm x, Xmm y) {
        if (width == Width.W32) {
            a.ucomiss(x, y);
        } else {
            a.ucomisd(x, y);
        }
    }

    String text() {
        return condition.name().toLowerCase(Locale.ROOT) + ".f" + width.bits();
    }
}
