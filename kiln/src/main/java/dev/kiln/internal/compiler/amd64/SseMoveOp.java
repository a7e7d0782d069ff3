package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * The SSE register/memory moves: a load form (xmm from xmm/m) and a store form (m from xmm), the
 * same mandatory prefix for both. Register-to-register moves use the load form, as GNU as does.
 */
public enum SseMoveOp {
    /** Scalar single: loads zero the upper lanes, register moves keep them. */
    MOVSS(0xf3, 0x0f10, 0x0f11, "DWORD PTR"),
    /** Scalar double: loads zero the upper lane, register moves keep it. */
    MOVSD(0xf2, 0x0f10, 0x0f11, "QWORD PTR"),
    MOVUPS(0, 0x0f10, 0x0f11, "XMMWORD PTR"),
    MOVUPD(0x66, 0x0f10, 0x0f11, "XMMWORD PTR"),
    /** Aligned: memory must be 16-byte aligned or the CPU faults. */
    MOVAPS(0, 0x0f28, 0x0f29, "XMMWORD PTR"),
    MOVAPD(0x66, 0x0f28, 0x0f29, "XMMWORD PTR"),
    MOVDQU(0xf3, 0x0f6f, 0x0f7f, "XMMWORD PTR"),
    MOVDQA(0x66, 0x0f6f, 0x0f7f, "XMMWORD PTR");

    final int prefix;
    final int load;
    final int store;
    final String ptr;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    SseMoveOp(int prefix, int load, int store, String ptr) {
        this.prefix = prefix;
        this.load = load;
        this.store = store;
        this.ptr = ptr;
    }
}
