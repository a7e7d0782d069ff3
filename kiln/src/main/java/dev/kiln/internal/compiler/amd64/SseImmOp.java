package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * SSE instructions of the shape {@code op xmm, xmm/m, imm8}. For the ROUND family the immediate
 * selects the rounding: see {@link SseImm#ROUND_NEAREST} and its siblings.
 */
public enum SseImmOp {
    ROUNDSS(0x66, 0x0f3a0a, 4), ROUNDSD(0x66, 0x0f3a0b, 8),
    ROUNDPS(0x66, 0x0f3a08, 16), ROUNDPD(0x66, 0x0f3a09, 16),
    PSHUFD(0x66, 0x0f70, 16),
    SHUFPS(0, 0x0fc6, 16);

    final int prefix;
    final int opcode;
    final String ptr;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    SseImmOp(int prefix, int opcode, int memoryBytes) {
        this.prefix = prefix;
        this.opcode = opcode;
        this.ptr = SseOp.ptr(memoryBytes);
    }
}
