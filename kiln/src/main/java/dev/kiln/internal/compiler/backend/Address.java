package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.Mem;

/**
 * A memory operand {@code [base + index + displacement]} whose registers are uses of the
 * instruction holding it, at positions {@code first} (base) and {@code first + 1} (index, if
 * any).
 */
record Address(boolean hasIndex, int displacement) {

    int registerCount() {
        return hasIndex ? 2 : 1;
    }

    Mem operand(MachineInstruction holder, int first) {
        var base = Reg.gpr(holder.use(first));
        return hasIndex ? Mem.of(base, Reg.gpr(holder.use(first + 1)), 1, displacement) : Mem.of(base, displacement);
    }

    String text() {
        return "[" + (hasIndex ? "+" : "") + displacement + "]";
    }
}
