package dev.kiln.internal.compiler.amd64;

/**
 * The shared machinery of x86-64 instruction encoding: legacy prefixes, REX, the opcode, ModRM,
 * SIB and displacement. Every instruction family's encoder is a few calls to these methods.
 *
 * <pre>
 *   [66/F2/F3 prefixes] [REX] [opcode: 1-3 bytes] [ModRM] [SIB] [disp8/disp32] [immediate]
 *
 *   REX   0100 W R X B      W: 64-bit operand size
 *                           R: bit 3 of ModRM.reg   X: bit 3 of SIB.index   B: bit 3 of ModRM.rm,
 *                              SIB.base or the register in the opcode (push r, mov r,imm)
 *
 *   ModRM mod(2) reg(3) rm(3)
 *         mod 11: rm is a register
 *         mod 00: [rm]            (rm=100: a SIB follows; rm=101: [rip+disp32])
 *         mod 01: [rm + disp8]    (rm=100: a SIB follows)
 *         mod 10: [rm + disp32]   (rm=100: a SIB follows)
 *         reg is the second register, or an opcode extension ("/digit")
 *
 *   SIB   scale(2) index(3) base(3)
 *         index 100 (without REX.X): no index
 *         base 101 with mod 00: no base, a disp32 follows
 * </pre>
 *
 * <p>A REX prefix is emitted when any of W/R/X/B is set, or when a byte register 4..7 is used: with
 * a REX prefix those mean spl/bpl/sil/dil, without one ah/ch/dh/bh (which this assembler never
 * uses).
 *
 * <p>These methods allocate nothing; callers check operands before calling them, so that a rejected
 * instruction leaves no bytes behind.
 */
final class Encoding {

    private Encoding() {
    }

    /** The operand-size prefix for 16-bit operations. */
    static final int OPERAND_SIZE = 0x66;

    /** The operand-size prefix a width needs (0 for none). */
    static int sizePrefix(Width w) {
        return w == Width.W16 ? OPERAND_SIZE : 0;
    }

    /** Whether a width needs REX.W. */
    static boolean rexW(Width w) {
        return w == Width.W64;
    }

    /**
     * Emits up to two prefix bytes packed in an int, most significant first (0x66F3 emits 66 F3,
     * the order that mandatory prefixes need: the operand-size prefix before F3/F2).
     */
    static void prefixes(CodeBuffer b, int prefixes) {
        if (prefixes > 0xff) {
            b.emit8(prefixes >>> 8);
        }
        if (prefixes != 0) {
            b.emit8(prefixes);
        }
    }

    private static void rex(CodeBuffer b, boolean w, int r, int x, int rmOrBase, boolean force) {
        int rex = (w ? 8 : 0) | (r & 8) >> 1 | (x & 8) >> 2 | (rmOrBase & 8) >> 3;
        if (rex != 0 || force) {
            b.emit8(0x40 | rex);
        }
    }

    /**
     * An instruction with a register (or opcode extension) in ModRM.reg and a register in
     * ModRM.rm (mod=11).
     *
     * @param forceRex whether a REX prefix is needed even without W/R/B (byte registers 4..7)
     */
    static void regReg(CodeBuffer b, int prefixes, boolean w, int opcode, int reg, int rm, boolean forceRex) {
        prefixes(b, prefixes);
        rex(b, w, reg, 0, rm, forceRex);
        b.emitOpcode(opcode);
        b.emit8(0xc0 | (reg & 7) << 3 | rm & 7);
    }

    /**
     * An instruction with a register (or opcode extension) in ModRM.reg and a memory operand.
     *
     * @param trailing the number of immediate bytes after the displacement, which a RIP-relative
     *     displacement must account for (it is relative to the end of the instruction)
     */
    static void regMem(CodeBuffer b, int prefixes, boolean w, int opcode, int reg, Mem m, int trailing,
            boolean forceRex) {
        Gpr base = m.base();
        Gpr index = m.index();
        int baseCode = base == null ? 0 : base.code();
        int indexCode = index == null ? 0 : index.code();
        prefixes(b, prefixes);
        rex(b, w, reg, indexCode, baseCode, forceRex);
        b.emitOpcode(opcode);
        int r = (reg & 7) << 3;
        int disp = m.displacement();
        if (m.label() != null) {
            b.emit8(r | 0b101);                        // mod=00 rm=101: [rip + disp32]
            b.emitLabelRel32(m.label(), disp, trailing);
        } else if (base == null) {
            b.emit8(r | 0b100);                        // mod=00 rm=100: SIB follows
            b.emit8(sib(m.scale(), index == null ? 0b100 : indexCode, 0b101)); // base=101: disp32
            b.emit32(disp);
        } else {
            // [rbp]/[r13] has no mod=00 form (it means RIP/no-base), so they take a disp8 of 0.
            int mod = disp == 0 && (baseCode & 7) != 0b101 ? 0b00 : disp == (byte) disp ? 0b01 : 0b10;
            if (index == null && (baseCode & 7) != 0b100) {
                b.emit8(mod << 6 | r | baseCode & 7);
            } else {
                // An index, or base rsp/r12 (rm=100 means "SIB follows", so they need one).
                b.emit8(mod << 6 | r | 0b100);
                b.emit8(sib(m.scale(), index == null ? 0b100 : indexCode, baseCode));
            }
            if (mod == 0b01) {
                b.emit8(disp);
            } else if (mod == 0b10) {
                b.emit32(disp);
            }
        }
    }

    private static int sib(int scale, int index, int base) {
        int ss = Integer.numberOfTrailingZeros(scale);
        return ss << 6 | (index & 7) << 3 | base & 7;
    }

    /** {@link #regReg} or {@link #regMem}, whichever {@code rm} is (a Gpr, an Xmm or a Mem). */
    static void regRm(CodeBuffer b, int prefixes, boolean w, int opcode, int reg, Operand rm, int trailing,
            boolean forceRex) {
        if (rm instanceof Mem m) {
            regMem(b, prefixes, w, opcode, reg, m, trailing, forceRex);
        } else {
            regReg(b, prefixes, w, opcode, reg, registerCode(rm), forceRex);
        }
    }

    /** An instruction with the register in the low three bits of the opcode (push r, mov r,imm). */
    static void opReg(CodeBuffer b, int prefixes, boolean w, int opcode, int reg, boolean forceRex) {
        prefixes(b, prefixes);
        rex(b, w, 0, 0, reg, forceRex);
        b.emit8(opcode | reg & 7);
    }

    private static int registerCode(Operand o) {
        if (o instanceof Gpr g) {
            return g.code();
        }
        return ((Xmm) o).code();
    }

    /** Whether a W8 instruction on these operands needs a REX prefix for spl/bpl/sil/dil. */
    static boolean byteRex(Width w, Operand a, Operand b) {
        return w == Width.W8 && (a instanceof Gpr g && g.byteNeedsRex() || b instanceof Gpr h && h.byteNeedsRex());
    }

    // ---- operand checks, shared by the families ----

    static IllegalArgumentException reject(String mnemonic, String problem) {
        return new IllegalArgumentException(mnemonic + ": " + problem);
    }

    static void requireRegOrMem(String mnemonic, Operand o, String position) {
        if (!(o instanceof Gpr) && !(o instanceof Mem)) {
            throw reject(mnemonic, position + " must be a general register or memory, got " + describe(o));
        }
    }

    static void requireXmmOrMem(String mnemonic, Operand o, String position) {
        if (!(o instanceof Xmm) && !(o instanceof Mem)) {
            throw reject(mnemonic, position + " must be an XMM register or memory, got " + describe(o));
        }
    }

    static void requireWidth(String mnemonic, Width w, boolean ok) {
        if (!ok) {
            throw reject(mnemonic, "width " + w + " is not supported");
        }
    }

    static void requireImmediate(String mnemonic, Width w, long value) {
        if (!w.holdsImmediate(value)) {
            throw reject(mnemonic, "immediate " + value + " (0x" + Long.toHexString(value) + ") does not fit "
                    + (w == Width.W64 ? "a sign-extended imm32" : "in " + w.bits() + " bits"));
        }
    }

    static String describe(Operand o) {
        if (o == null) {
            return "null";
        }
        return switch (o) {
            case Gpr g -> g.name();
            case Xmm x -> x.name();
            case Mem m -> "memory " + m;
            case Imm i -> "immediate " + i.value();
        };
    }
}
