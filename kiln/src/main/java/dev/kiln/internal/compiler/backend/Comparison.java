package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.Locale;

/**
 * The compare part of an instruction that reads flags: {@code cmp a, b} (or {@code cmp a, imm},
 * or {@code test a, a} for "is non-zero"), with the condition that holds when the fused
 * instruction's test passes. Compares and what reads their flags are one machine instruction
 * (see {@link MachineInstruction}); this is the piece they share.
 *
 * @param kind the form of the compare
 */
record Comparison(Kind kind, Condition condition, Width width, long imm) {

    enum Kind {
        /** {@code cmp a, b}. */
        REGISTERS,
        /** {@code cmp a, imm}. */
        IMMEDIATE,
        /** {@code test a, a}: the condition is {@code NE} ("a is non-zero") or {@code E}. */
        NON_ZERO
    }

    static Comparison registers(Condition condition, Width width) {
        return new Comparison(Kind.REGISTERS, condition, width, 0);
    }

    static Comparison immediate(Condition condition, Width width, long imm) {
        if (imm != (int) imm) {
            throw new IllegalArgumentException(imm + " does not fit an imm32");
        }
        return new Comparison(Kind.IMMEDIATE, condition, width, imm);
    }

    static Comparison nonZero(Width width) {
        return new Comparison(Kind.NON_ZERO, Condition.NE, width, 0);
    }

    /** How many registers the compare reads: the first uses of the instruction holding it. */
    int registerCount() {
        return kind == Kind.REGISTERS ? 2 : 1;
    }

    /** The same compare with the opposite condition. */
    Comparison negate() {
        return new Comparison(kind, condition.negate(), width, imm);
    }

    /** Emits the compare of the instruction's registers {@code a} (and {@code b}). */
    void emit(Assembler assembler, MachineInstruction instruction) {
        var a = Reg.gpr(instruction.use(0));
        switch (kind) {
            case REGISTERS -> assembler.alu(AluOp.CMP, width, a, Reg.gpr(instruction.use(1)));
            case IMMEDIATE -> assembler.alu(AluOp.CMP, width, a, new Imm(imm));
            case NON_ZERO -> assembler.test(width, a, a);
        }
    }

    /** {@code lt_s.32 } or {@code lt_s.32 imm=5 }: how the holder's text shows the compare. */
    String text() {
        String cc = condition.name().toLowerCase(Locale.ROOT) + "." + width.bits();
        return kind == Kind.IMMEDIATE ? cc + " " + imm : cc;
    }
}
