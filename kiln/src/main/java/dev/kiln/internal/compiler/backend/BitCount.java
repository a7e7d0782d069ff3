package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.BitOp;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.Locale;

/**
 * {@code dst = lzcnt/tzcnt/popcnt(src)}. Emitted only where the CPU has the instruction
 * (LZCNT, BMI1, POPCNT), which {@code NativeSupport} requires of the compiler engine; each
 * gives the width for a zero input, as WebAssembly's {@code clz} and {@code ctz} do.
 */
public final class BitCount extends MachineInstruction {

    private final BitOp op;
    private final Width width;

    public BitCount(BitOp op, Width width, int dst, int src) {
        super(new int[] {src}, new int[] {dst});
        if (op != BitOp.LZCNT && op != BitOp.TZCNT && op != BitOp.POPCNT) {
            throw new IllegalArgumentException(op + " is not lzcnt, tzcnt or popcnt");
        }
        this.op = op;
        this.width = width;
    }

    @Override
    public void emit(Emission e) {
        e.assembler().bitCount(op, width, Reg.gpr(def(0)), Reg.gpr(use(0)));
    }

    @Override
    protected String mnemonic() {
        return op.name().toLowerCase(Locale.ROOT) + "." + width.bits();
    }
}
