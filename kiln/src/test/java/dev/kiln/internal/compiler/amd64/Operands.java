package dev.kiln.internal.compiler.amd64;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/** The operands the encoding tests sweep: every register, memory corner cases, boundary immediates. */
final class Operands {

    static final Gpr[] GPRS = Gpr.values();
    static final Xmm[] XMMS = Xmm.values();
    static final Width[] WIDTHS = Width.values();
    static final int[] SCALES = {1, 2, 4, 8};

    /** Displacements at the disp8/disp32 boundaries. */
    static final int[] DISPLACEMENTS = {0, 1, -1, 127, -128, 128, -129, 0x12345, 0x7fffffff, Integer.MIN_VALUE};

    /** Immediates at the imm8/imm16/imm32 boundaries, signed and unsigned readings. */
    static final long[] IMMEDIATES = {
        0, 1, -1, 5, 127, -128, 128, -129, 255, 256, 0x7fff, -0x8000, 0x8000, 0xffff, 0x10000,
        0x12345678, 0x7fffffff, Integer.MIN_VALUE, 0x80000000L, 0xffffffffL,
    };

    /** For {@code mov r64, imm}: the three encodings' boundaries. */
    static final long[] IMMEDIATES_64 = {
        0, 1, -1, 0x7fffffff, 0x80000000L, 0xffffffffL, 0x100000000L, Integer.MIN_VALUE,
        Integer.MIN_VALUE - 1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x123456789abcdefL,
    };

    private Operands() {
    }

    /** The general registers except rsp, the ones that can be an index. */
    static List<Gpr> indexes() {
        List<Gpr> l = new ArrayList<>();
        for (Gpr g : GPRS) {
            if (g != Gpr.RSP) {
                l.add(g);
            }
        }
        return l;
    }

    /**
     * Memory operands covering the encoder's corner cases: every base with displacements at the
     * disp8/disp32 boundaries (which covers rsp/r12 needing a SIB and rbp/r13 needing a disp8 of
     * 0), every index with every scale under a base that cycles through all sixteen, the special
     * bases combined with awkward indexes, the no-base form, absolute addresses, and RIP-relative
     * operands to a label before ({@code back}) and after ({@code forward}) the code.
     */
    static List<Mem> memories(Label back, Label forward) {
        List<Mem> m = new ArrayList<>();
        for (Gpr base : GPRS) {
            for (int d : DISPLACEMENTS) {
                m.add(Mem.of(base, d));
            }
        }
        int[] indexDisps = {0, 8, -128, 128, 0x1000};
        int k = 0;
        for (Gpr index : indexes()) {
            for (int scale : SCALES) {
                m.add(Mem.of(Gpr.of(k % 16), index, scale, indexDisps[k % indexDisps.length]));
                k++;
            }
        }
        for (Gpr base : new Gpr[] {Gpr.RSP, Gpr.RBP, Gpr.R12, Gpr.R13}) {
            for (Gpr index : new Gpr[] {Gpr.RAX, Gpr.RBP, Gpr.R12, Gpr.R13, Gpr.R15}) {
                for (int d : new int[] {0, -128, 0x1000}) {
                    m.add(Mem.of(base, index, 8, d));
                }
            }
        }
        k = 0;
        for (Gpr index : indexes()) {
            for (int scale : SCALES) {
                m.add(Mem.of(null, index, scale, (k++ % 2 == 0 ? 1 : -1) * 0x40 * k));
            }
        }
        m.add(Mem.absolute(0x1000));
        m.add(Mem.absolute(0));
        m.add(Mem.absolute(-16));
        m.add(Mem.rip(back));
        m.add(Mem.rip(back, 8));
        m.add(Mem.rip(forward));
        m.add(Mem.rip(forward, -4));
        return m;
    }

    /** The immediates of {@link #IMMEDIATES} that {@code ok} accepts. */
    static List<Long> immediates(LongPredicate ok) {
        List<Long> l = new ArrayList<>();
        for (long v : IMMEDIATES) {
            if (ok.test(v)) {
                l.add(v);
            }
        }
        return l;
    }
}
