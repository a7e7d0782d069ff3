package dev.kiln.internal.compiler.amd64;

/**
 * The sixteen general-purpose registers. The ordinal is the hardware encoding: its low three bits
 * go into ModRM/SIB/opcode, its bit 3 into REX.R, REX.X or REX.B.
 *
 * <p>A register has no width of its own; the instruction's {@link Width} picks {@code rax},
 * {@code eax}, {@code ax} or {@code al}.
 */
public enum Gpr implements Operand {
    RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15;

    private static final Gpr[] VALUES = values();

    private static final String[][] NAMES = {
        {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
            "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"},
        {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
            "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"},
        {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"},
        {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"},
    };

    /** The register with hardware encoding {@code code} (0..15). */
    public static Gpr of(int code) {
        return VALUES[code];
    }

    /** The hardware encoding, 0..15. */
    public int code() {
        return ordinal();
    }

    /**
     * The Intel name at {@code width}. Byte registers 4..7 are {@code spl bpl sil dil}: the encoder
     * always emits a REX prefix for them, since without one those encodings mean {@code ah ch dh bh}.
     */
    public String name(Width width) {
        return NAMES[width.ordinal()][ordinal()];
    }

    /** Whether using this register as a byte register needs a REX prefix (spl, bpl, sil, dil). */
    boolean byteNeedsRex() {
        int c = ordinal();
        return c >= 4 && c <= 7;
    }
}
