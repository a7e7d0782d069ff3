package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.ShiftOp;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.Locale;

/**
 * The two-address integer operations: {@code dst = dst op src}. A shift or rotate by a
 * register takes its count in CL, which the lowering puts there.
 */
public enum IntOp {
    ADD, SUB, AND, OR, XOR, IMUL, SHL, SHR, SAR, ROL, ROR;

    private final String mnemonic = name().toLowerCase(Locale.ROOT);

    String mnemonic() {
        return mnemonic;
    }

    /**
     * Whether the instruction leaves ZF saying whether its result is zero: the ALU operations do;
     * {@code imul} leaves ZF undefined, and a shift or rotate by a count of zero (a register
     * count can be) leaves the flags as they were.
     */
    boolean setsZeroFlagOfResult() {
        return switch (this) {
            case ADD, SUB, AND, OR, XOR -> true;
            default -> false;
        };
    }

    /** Whether the count of this operation must be in CL when it is a register. */
    public boolean isShift() {
        return ordinal() >= SHL.ordinal();
    }

    void emit(Assembler a, Width w, Gpr dst, Gpr src) {
        switch (this) {
            case IMUL -> a.imul(w, dst, src);
            case SHL, SHR, SAR, ROL, ROR -> {
                if (src != Gpr.RCX) {
                    throw new IllegalStateException(this + " counts in CL, not " + src);
                }
                a.shiftByCl(shiftOp(), w, dst);
            }
            default -> a.alu(aluOp(), w, dst, src);
        }
    }

    void emit(Assembler a, Width w, Gpr dst, long imm) {
        switch (this) {
            case IMUL -> a.imul(w, dst, dst, (int) imm);
            case SHL, SHR, SAR, ROL, ROR -> a.shift(shiftOp(), w, dst, (int) (imm & (w.bits() - 1)));
            default -> a.alu(aluOp(), w, dst, new Imm(imm));
        }
    }

    private AluOp aluOp() {
        return switch (this) {
            case ADD -> AluOp.ADD;
            case SUB -> AluOp.SUB;
            case AND -> AluOp.AND;
            case OR -> AluOp.OR;
            case XOR -> AluOp.XOR;
            default -> throw new IllegalStateException(this + " is not an ALU operation");
        };
    }

    private ShiftOp shiftOp() {
        return switch (this) {
            case SHL -> ShiftOp.SHL;
            case SHR -> ShiftOp.SHR;
            case SAR -> ShiftOp.SAR;
            case ROL -> ShiftOp.ROL;
            case ROR -> ShiftOp.ROR;
            default -> throw new IllegalStateException(this + " is not a shift");
        };
    }
}
