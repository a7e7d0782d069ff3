package dev.kiln.internal.compiler.backend;

import dev.kiln.internal.compiler.amd64.SseOp;
import java.util.Locale;

/**
 * {@code dst = dst op src} for an SSE operation ({@code addsd}, {@code mulss}, {@code orps},
 * ...), or {@code dst = dst op constant} with a 16-byte constant from the pool (the sign masks
 * of {@code abs}, {@code neg}, {@code copysign}).
 */
public final class FloatBinary extends MachineInstruction {

    private final SseOp op;
    private final boolean constant;
    private final long low;
    private final long high;

    /** {@code dst = dst op src}. */
    public FloatBinary(SseOp op, int dst, int src) {
        super(new int[] {dst, src}, new int[] {dst});
        this.op = op;
        this.constant = false;
        this.low = 0;
        this.high = 0;
    }

    /** {@code dst = dst op [constant]}. */
    public FloatBinary(SseOp op, int dst, long low, long high) {
        super(new int[] {dst}, new int[] {dst});
        this.op = op;
        this.constant = true;
        this.low = low;
        this.high = high;
    }

    @Override
    public void emit(Emission e) {
        e.assembler().sse(op, Reg.xmm(def(0)), constant ? e.constant(low, high) : Reg.xmm(use(1)));
    }

    @Override
    protected String mnemonic() {
        return op.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected String details() {
        return constant ? String.format("0x%016x_%016x", high, low) : "";
    }
}
