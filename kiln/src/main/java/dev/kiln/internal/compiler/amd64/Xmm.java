package dev.kiln.internal.compiler.amd64;

/** The sixteen SSE registers; the ordinal is the hardware encoding, as for {@link Gpr}. */
public enum Xmm implements Operand {
    XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7,
    XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15;

    private static final Xmm[] VALUES = values();
    private static final String[] NAMES = new String[16];

    static {
        for (int i = 0; i < 16; i++) {
            NAMES[i] = "xmm" + i;
        }
    }

    /** The register with hardware encoding {@code code} (0..15). */
    public static Xmm of(int code) {
        return VALUES[code];
    }

    /** The hardware encoding, 0..15. */
    public int code() {
        return ordinal();
    }

    /** The Intel name, {@code xmm0} .. {@code xmm15}. */
    public String intelName() {
        return NAMES[ordinal()];
    }
}
