package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * The eight classic two-operand integer operations. The ordinal is both the opcode row (the
 * register forms are {@code ordinal*8 + 0..5}) and the ModRM.reg extension of the immediate forms
 * 0x80, 0x81 and 0x83.
 */
public enum AluOp {
    ADD, OR, ADC, SBB, AND, SUB, XOR, CMP;

    private final String mnemonic = name().toLowerCase(Locale.ROOT);

    String mnemonic() {
        return mnemonic;
    }
}
