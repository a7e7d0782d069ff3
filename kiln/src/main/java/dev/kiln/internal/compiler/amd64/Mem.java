package dev.kiln.internal.compiler.amd64;

/**
 * A memory operand: {@code [base + index*scale + displacement]}, or {@code [rip + displacement]}
 * relative to a {@link Label}.
 *
 * <p>The forms and what they cost (the encoder picks the shortest):
 * <pre>
 *   [base]                 ModRM only (base rsp/r12 need a SIB; base rbp/r13 need a disp8 of 0,
 *                          because ModRM mod=00 rm=101 means RIP-relative, and SIB base=101 with
 *                          mod=00 means "no base")
 *   [base + disp]          disp8 if -128..127, else disp32
 *   [base + index*scale]   SIB; index can be any register except rsp (SIB index=100 means "none")
 *   [index*scale + disp]   no base: SIB base=101 with mod=00, always a disp32
 *   [disp]                 absolute: SIB with no base and no index, disp32 sign-extended
 *   [rip + label + disp]   ModRM mod=00 rm=101, disp32 patched when the label's offset is known
 * </pre>
 *
 * @param base the base register, or null
 * @param index the index register, or null; never {@link Gpr#RSP}
 * @param scale 1, 2, 4 or 8; 1 when there is no index
 * @param displacement the signed 32-bit displacement (for RIP-relative: added to the label)
 * @param label for RIP-relative operands, the label addressed; otherwise null
 */
public record Mem(Gpr base, Gpr index, int scale, int displacement, Label label) implements Operand {

    public Mem {
        if (index == Gpr.RSP) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        if (index == null ? scale != 1 : scale != 1 && scale != 2 && scale != 4 && scale != 8) {
            throw new IllegalArgumentException("scale must be 1, 2, 4 or 8 (and 1 without an index), got " + scale);
        }
        if (label != null && (base != null || index != null)) {
            throw new IllegalArgumentException("a RIP-relative operand has no base or index register");
        }
    }

    /** {@code [base + displacement]}. */
    public static Mem of(Gpr base, int displacement) {
        return new Mem(base, null, 1, displacement, null);
    }

    /** {@code [base]}. */
    public static Mem of(Gpr base) {
        return new Mem(base, null, 1, 0, null);
    }

    /** {@code [base + index*scale + displacement]}; {@code base} may be null. */
    public static Mem of(Gpr base, Gpr index, int scale, int displacement) {
        return new Mem(base, index, scale, displacement, null);
    }

    /** The absolute address {@code [displacement]} (sign-extended to 64 bits). */
    public static Mem absolute(int displacement) {
        return new Mem(null, null, 1, displacement, null);
    }

    /** {@code [rip + label]}: the address of {@code label}. */
    public static Mem rip(Label label) {
        return rip(label, 0);
    }

    /** {@code [rip + label + displacement]}. */
    public static Mem rip(Label label, int displacement) {
        if (label == null) {
            throw new IllegalArgumentException("label is null");
        }
        return new Mem(null, null, 1, displacement, label);
    }

    public boolean isRipRelative() {
        return label != null;
    }
}
