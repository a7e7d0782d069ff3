package dev.kiln.internal.compiler.backend;

import dev.kiln.TrapKind;
import java.util.Locale;

/** Always traps with {@code kind} (WebAssembly's {@code unreachable}); uses the execution context. */
public final class Trap extends MachineInstruction {

    private final TrapKind kind;

    public Trap(TrapKind kind, int context) {
        super(new int[] {context}, new int[0]);
        this.kind = kind;
    }

    @Override
    public boolean isTerminator() {
        return true;
    }

    @Override
    public void emit(Emission e) {
        e.assembler().jmp(e.trapSite(kind, Reg.gpr(use(0))));
    }

    @Override
    protected String mnemonic() {
        return "trap";
    }

    @Override
    protected String targets() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
