package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * Conversions between integers in general registers (32 or 64 bits, chosen by REX.W) and scalar
 * floats in XMM registers.
 *
 * <p>The truncating float-to-int conversions return the "integer indefinite" value (0x80000000 or
 * 0x8000000000000000) for NaN and out-of-range inputs, so Wasm's trapping and saturating
 * conversions need explicit checks around them. The int-to-float ones are signed only.
 */
public enum CvtOp {
    /** xmm (low lane, single) from a signed r/m32 or r/m64. */
    CVTSI2SS(0xf3, 0x0f2a, true),
    /** xmm (low lane, double) from a signed r/m32 or r/m64. */
    CVTSI2SD(0xf2, 0x0f2a, true),
    /** r32/r64 from xmm/m32 (single), truncating toward zero. */
    CVTTSS2SI(0xf3, 0x0f2c, false),
    /** r32/r64 from xmm/m64 (double), truncating toward zero. */
    CVTTSD2SI(0xf2, 0x0f2c, false);

    final int prefix;
    final int opcode;
    /** Whether the destination is XMM (the source an integer), else the other way round. */
    final boolean toFloat;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    CvtOp(int prefix, int opcode, boolean toFloat) {
        this.prefix = prefix;
        this.opcode = opcode;
        this.toFloat = toFloat;
    }

    /** The memory operand size of the float side. */
    String floatPtr() {
        return this == CVTTSS2SI ? "DWORD PTR" : "QWORD PTR";
    }
}
