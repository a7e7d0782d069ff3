package dev.kiln.internal.compiler.amd64;

import java.util.Locale;

/**
 * SSE instructions of the shape {@code op xmm, xmm/m}: the destination is ModRM.reg, the source
 * ModRM.rm. Each has a mandatory prefix (none, 66, F2 or F3), an opcode after 0F (or 0F 38, SSE4.1)
 * and the size of its memory operand.
 *
 * <p>Scalar float semantics worth knowing: MIN/MAX return the second operand when either is NaN or
 * both are zeros (so they are not Wasm's min/max on their own); UCOMIS sets ZF, PF and CF (PF=1:
 * unordered); CVTSS2SD/CVTSD2SS and the scalar ops keep the destination's upper lanes.
 */
public enum SseOp {
    ADDSS(0xf3, 0x0f58, 4), ADDSD(0xf2, 0x0f58, 8),
    SUBSS(0xf3, 0x0f5c, 4), SUBSD(0xf2, 0x0f5c, 8),
    MULSS(0xf3, 0x0f59, 4), MULSD(0xf2, 0x0f59, 8),
    DIVSS(0xf3, 0x0f5e, 4), DIVSD(0xf2, 0x0f5e, 8),
    SQRTSS(0xf3, 0x0f51, 4), SQRTSD(0xf2, 0x0f51, 8),
    MINSS(0xf3, 0x0f5d, 4), MINSD(0xf2, 0x0f5d, 8),
    MAXSS(0xf3, 0x0f5f, 4), MAXSD(0xf2, 0x0f5f, 8),
    UCOMISS(0, 0x0f2e, 4), UCOMISD(0x66, 0x0f2e, 8),
    COMISS(0, 0x0f2f, 4), COMISD(0x66, 0x0f2f, 8),
    CVTSS2SD(0xf3, 0x0f5a, 4), CVTSD2SS(0xf2, 0x0f5a, 8),

    ANDPS(0, 0x0f54, 16), ANDPD(0x66, 0x0f54, 16),
    ANDNPS(0, 0x0f55, 16), ANDNPD(0x66, 0x0f55, 16),
    ORPS(0, 0x0f56, 16), ORPD(0x66, 0x0f56, 16),
    XORPS(0, 0x0f57, 16), XORPD(0x66, 0x0f57, 16),
    PAND(0x66, 0x0fdb, 16), PANDN(0x66, 0x0fdf, 16), POR(0x66, 0x0feb, 16), PXOR(0x66, 0x0fef, 16),

    ADDPS(0, 0x0f58, 16), ADDPD(0x66, 0x0f58, 16),
    SUBPS(0, 0x0f5c, 16), SUBPD(0x66, 0x0f5c, 16),
    MULPS(0, 0x0f59, 16), MULPD(0x66, 0x0f59, 16),
    DIVPS(0, 0x0f5e, 16), DIVPD(0x66, 0x0f5e, 16),
    SQRTPS(0, 0x0f51, 16), SQRTPD(0x66, 0x0f51, 16),
    MINPS(0, 0x0f5d, 16), MINPD(0x66, 0x0f5d, 16),
    MAXPS(0, 0x0f5f, 16), MAXPD(0x66, 0x0f5f, 16),
    PADDB(0x66, 0x0ffc, 16), PADDW(0x66, 0x0ffd, 16), PADDD(0x66, 0x0ffe, 16), PADDQ(0x66, 0x0fd4, 16),
    PSUBB(0x66, 0x0ff8, 16), PSUBW(0x66, 0x0ff9, 16), PSUBD(0x66, 0x0ffa, 16), PSUBQ(0x66, 0x0ffb, 16),
    PCMPEQB(0x66, 0x0f74, 16), PCMPEQW(0x66, 0x0f75, 16), PCMPEQD(0x66, 0x0f76, 16),
    PCMPEQQ(0x66, 0x0f3829, 16),
    PSHUFB(0x66, 0x0f3800, 16),
    PTEST(0x66, 0x0f3817, 16);

    final int prefix;
    final int opcode;
    final String ptr;
    final String mnemonic = name().toLowerCase(Locale.ROOT);

    SseOp(int prefix, int opcode, int memoryBytes) {
        this.prefix = prefix;
        this.opcode = opcode;
        this.ptr = SseOp.ptr(memoryBytes);
    }

    static String ptr(int bytes) {
        return switch (bytes) {
            case 4 -> "DWORD PTR";
            case 8 -> "QWORD PTR";
            default -> "XMMWORD PTR";
        };
    }
}
