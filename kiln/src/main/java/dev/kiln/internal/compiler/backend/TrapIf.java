package dev.kiln.internal.compiler.backend;

import dev.kiln.TrapKind;

/**
 * Traps with {@code kind} if the compare holds: {@code cmp; jcc} to an out-of-line trap site
 * at the end of the function. The last use is the execution context, which the trap exit needs
 * in a register.
 */
public final class TrapIf extends MachineInstruction {

    private final Comparison comparison;
    private final TrapKind kind;

    TrapIf(Comparison comparison, TrapKind kind, int[] compared, int context) {
        super(append(compared, context), new int[0]);
        this.comparison = comparison;
        this.kind = kind;
    }

    @Override
    public void emit(Emission e) {
        comparison.emit(e.assembler(), this);
        e.assembler().jcc(comparison.condition(), e.trapSite(kind, Reg.gpr(use(useCount() - 1))));
    }

    @Override
    protected String mnemonic() {
        return "trapif";
    }

    @Override
    protected String details() {
        return comparison.text();
    }

    @Override
    protected String targets() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
