package dev.kiln.internal.compiler.amd64;

/**
 * Intel syntax exactly as GNU objdump ({@code -M intel}) prints it: lower-case mnemonics,
 * operands separated by a bare comma, hexadecimal immediates truncated to the operand size, memory
 * operands with a size ({@code DWORD PTR [rax+rcx*4+0x8]}), and a {@code # 0xTARGET} comment after
 * an instruction with a RIP-relative operand. Tests compare these strings with objdump's output
 * after collapsing whitespace, so the details here matter.
 */
final class Intel {

    private Intel() {
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** An immediate as objdump prints it at operand width {@code w}: unsigned, truncated. */
    static String imm(long v, Width w) {
        return hex(w.mask(v));
    }

    /** A register or memory operand of width {@code w}. */
    static String rm(Operand o, Width w, int next) {
        if (o instanceof Gpr g) {
            return g.name(w);
        }
        return mem((Mem) o, w.ptr(), next);
    }

    /** An XMM register or a memory operand of {@code ptr} size. */
    static String xmmRm(Operand o, String ptr, int next) {
        if (o instanceof Xmm x) {
            return x.intelName();
        }
        return mem((Mem) o, ptr, next);
    }

    /**
     * A memory operand. {@code ptr} is the size ({@code "QWORD PTR"}) or null for {@code lea};
     * {@code next} is the offset of the following instruction, which a RIP-relative displacement
     * is relative to.
     */
    static String mem(Mem m, String ptr, int next) {
        StringBuilder sb = new StringBuilder(40);
        if (ptr != null) {
            sb.append(ptr).append(' ');
        }
        if (m.label() != null) {
            long rel = (long) m.label().offset() + m.displacement() - next;
            return sb.append("[rip+").append(hex(rel)).append(']').toString();
        }
        Gpr base = m.base();
        Gpr index = m.index();
        if (base == null && index == null) {
            return sb.append("ds:").append(hex(m.displacement())).toString();
        }
        sb.append('[');
        if (base != null) {
            sb.append(base.name(Width.W64));
        }
        if (index != null) {
            if (base != null) {
                sb.append('+');
            }
            sb.append(index.name(Width.W64)).append('*').append(m.scale());
        }
        // objdump shows the displacement whenever one is encoded, even a disp8 of 0.
        int disp = m.displacement();
        if (base == null || disp != 0 || (base.code() & 7) == 0b101) {
            sb.append(disp < 0 ? "-" : "+").append(hex(Math.abs((long) disp)));
        }
        return sb.append(']').toString();
    }

    /**
     * Joins a mnemonic and its operands; if one operand is RIP-relative memory, appends objdump's
     * comment with the absolute target.
     */
    static String insn(String mnemonic, Operand memoryOrNull, int next, String... operands) {
        StringBuilder sb = new StringBuilder(mnemonic);
        for (int i = 0; i < operands.length; i++) {
            sb.append(i == 0 ? " " : ",").append(operands[i]);
        }
        if (memoryOrNull instanceof Mem m && m.label() != null) {
            sb.append(" # ").append(hex((long) m.label().offset() + m.displacement()));
        }
        return sb.toString();
    }
}
