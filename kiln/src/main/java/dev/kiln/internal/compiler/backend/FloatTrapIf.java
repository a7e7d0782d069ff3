package dev.kiln.internal.compiler.backend;

import dev.kiln.TrapKind;
import java.util.Locale;

/** Traps with {@code kind} if a float compare holds (the checks of a trapping truncation). */
public final class FloatTrapIf extends MachineInstruction {

    private final FloatComparison comparison;
    private final TrapKind kind;

    /** Uses: x, y, the execution context. */
    FloatTrapIf(FloatComparison comparison, TrapKind kind, int x, int y, int context) {
        super(new int[] {x, y, context}, new int[0]);
        this.comparison = comparison;
        this.kind = kind;
    }

    @Override
    public void emit(Emission e) {
        comparison.jumpIfTrue(e.assembler(), this, e.trapSite(kind, Reg.gpr(use(2))));
    }

    @Override
    protected String mnemonic() {
        return "ftrapif";
    }

    @Override
    protected String details() {
        return comparison.text();
    }

    @Override
    protected String targets() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
