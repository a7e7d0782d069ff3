package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * Bit counting and scanning. LZCNT/TZCNT are BSR/BSF with an F3 prefix: on a CPU without them
 * (LZCNT needs ABM, TZCNT BMI1 — neither is implied by the SSE4.1 baseline) the prefix is ignored
 * and the instruction silently runs as BSR/BSF, which differs for zero and for LZCNT's result. Check
 * CPUID before using them. POPCNT has its own CPUID bit too (SSE4.2 era).
 */
public enum BitOp {
    LZCNT(0xf3, 0x0fbd),
    TZCNT(0xf3, 0x0fbc),
    POPCNT(0xf3, 0x0fb8),
    /** Index of the highest set bit; destination undefined (ZF set) for a zero source. */
    BSR(0, 0x0fbd),
    /** Index of the lowest set bit; destination undefined (ZF set) for a zero source. */
    BSF(0, 0x0fbc);

    final int prefix;
    final int opcode;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    BitOp(int prefix, int opcode) {
        this.prefix = prefix;
        this.opcode = opcode;
    }
}
