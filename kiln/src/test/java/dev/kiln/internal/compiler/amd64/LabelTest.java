package dev.kiln.internal.compiler.amd64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Label resolution, branch relaxation, alignment and relocations. */
class LabelTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** {@code n} bytes of single-byte nops: filler of an exact size. */
    private static void filler(Assembler asm, int n) {
        for (int i = 0; i < n; i++) {
            asm.nop();
        }
    }

    private static byte[] forwardJump(int gap, boolean conditional) {
        Assembler asm = new Assembler();
        Label l = asm.newLabel();
        if (conditional) {
            asm.jcc(Condition.NE, l);
        } else {
            asm.jmp(l);
        }
        filler(asm, gap);
        asm.bind(l);
        return asm.finish();
    }

    private static byte[] backwardJump(int gap, boolean conditional) {
        Assembler asm = new Assembler();
        Label l = asm.newLabel();
        asm.bind(l);
        filler(asm, gap);
        if (conditional) {
            asm.jcc(Condition.NE, l);
        } else {
            asm.jmp(l);
        }
        return asm.finish();
    }

    @Test
    void forwardBranchesAreShortUpTo127BytesAway() {
        assertEquals("eb7f", HexFormat.of().formatHex(forwardJump(127, false), 0, 2));
        assertEquals("e980000000", HexFormat.of().formatHex(forwardJump(128, false), 0, 5));
        assertEquals("757f", HexFormat.of().formatHex(forwardJump(127, true), 0, 2));
        assertEquals("0f8580000000", HexFormat.of().formatHex(forwardJump(128, true), 0, 6));
        assertEquals("eb00", HexFormat.of().formatHex(forwardJump(0, false)));
    }

    @Test
    void backwardBranchesAreShortDownTo128BytesBack() {
        byte[] shortJump = backwardJump(126, false);
        assertEquals("eb80", HexFormat.of().formatHex(shortJump, 126, 128));
        byte[] longJump = backwardJump(127, false);
        assertEquals("e97cffffff", HexFormat.of().formatHex(longJump, 127, 132)); // -132
        assertEquals("7580", HexFormat.of().formatHex(backwardJump(126, true), 126, 128));
        assertEquals("0f857bffffff", HexFormat.of().formatHex(backwardJump(127, true), 127, 133)); // -133
        assertEquals("ebfe", HexFormat.of().formatHex(backwardJump(0, false)));
    }

    /**
     * Each branch jumps over the next one plus filler, so that it reaches only while the next one
     * is short; the last one is long, which pushes every earlier one out of reach in turn.
     */
    @Test
    void aChainOfForwardBranchesGrowsFromShortToLong() {
        int n = 20;
        Assembler asm = Assembler.withListing();
        Label[] after = new Label[n];
        for (int i = 0; i < n; i++) {
            after[i] = asm.newLabel("after" + i);
        }
        for (int i = 0; i < n; i++) {
            asm.jmp(after[i]);
            filler(asm, i == n - 1 ? 200 : 124);   // 124 + 2 reaches, 124 + 5 does not
            if (i > 0) {
                asm.bind(after[i - 1]);
            }
        }
        asm.bind(after[n - 1]);
        ObjdumpCheck.check(asm);
        for (Assembler.Line line : asm.lines()) {
            if (line.instruction() instanceof Jmp) {
                assertEquals(Jmp.LONG_SIZE, line.length(), line.text());
            }
        }
    }

    @Test
    void aChainOfBackwardBranchesGrowsFromShortToLong() {
        int n = 20;
        Assembler asm = Assembler.withListing();
        Label[] before = new Label[n];
        for (int i = 0; i < n; i++) {
            before[i] = asm.newLabel("before" + i);
        }
        asm.bind(before[0]);
        filler(asm, 200);
        for (int i = 0; i < n; i++) {
            // before[i + 1] is the start of this branch: the next one jumps back over it.
            if (i + 1 < n) {
                asm.bind(before[i + 1]);
            }
            asm.jcc(Condition.E, before[i]);
            filler(asm, 124);   // -(2 + 124 + 2) reaches, -(6 + 124 + 2) does not
        }
        ObjdumpCheck.check(asm);
        for (Assembler.Line line : asm.lines()) {
            if (line.instruction() instanceof Jcc) {
                assertEquals(Jcc.LONG_SIZE, line.length(), line.text());
            }
        }
    }

    /**
     * Random code with branches, calls and RIP-relative operands to labels all over it: objdump
     * must decode every target where the label is, and (without alignment, which can shrink
     * distances as branches grow) every long branch must be one that a short one could not replace.
     */
    @Test
    void randomCodeResolvesEveryLabel() {
        Random random = new Random(42);
        for (int round = 0; round < 10; round++) {
            Assembler asm = Assembler.withListing();
            List<Label> labels = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                labels.add(asm.newLabel());
            }
            List<Label> unbound = new ArrayList<>(labels);
            boolean aligning = round % 2 == 1;
            for (int i = 0; i < 400; i++) {
                Label target = labels.get(random.nextInt(labels.size()));
                if (aligning && random.nextInt(20) == 0) {
                    asm.align(1 << random.nextInt(6));
                }
                switch (random.nextInt(8)) {
                    case 0 -> asm.jmp(target);
                    case 1 -> asm.jcc(Condition.values()[random.nextInt(16)], target);
                    case 2 -> asm.call(target);
                    case 3 -> asm.lea(Gpr.of(random.nextInt(16)), target);
                    case 4 -> asm.mov(Width.W32, Mem.rip(target, random.nextInt(16)), Imm.of(7));
                    case 5 -> filler(asm, random.nextInt(60));
                    case 6 -> asm.alu(AluOp.ADD, Width.W64, Gpr.RAX, Imm.of(random.nextInt()));
                    default -> {
                        if (!unbound.isEmpty() && random.nextInt(3) == 0) {
                            asm.bind(unbound.remove(random.nextInt(unbound.size())));
                        }
                    }
                }
            }
            for (Label l : unbound) {
                asm.bind(l);
            }
            ObjdumpCheck.check(asm);
            for (Assembler.Line line : asm.lines()) {
                Label target = line.instruction() instanceof Jmp j ? j.target()
                        : line.instruction() instanceof Jcc c ? c.target() : null;
                if (target != null && line.length() > 2 && !aligning) {
                    int rel = target.offset() - (line.offset() + 2);
                    assertTrue(rel != (byte) rel, "a long branch that a short one would reach: " + line.text()
                            + " at 0x" + Integer.toHexString(line.offset()));
                }
            }
        }
    }

    @Test
    void callToALabelAndLeaOfALabelAreRelativeToTheEndOfTheInstruction() {
        Assembler asm = new Assembler();
        Label f = asm.newLabel("f");
        asm.call(f);                 // 0: e8 rel32 -> 5 + 3 = 8
        asm.lea(Gpr.R9, f);          // 5: 4c 8d 0d rel32 (7 bytes, ends at 12): rel -4
        asm.bind(f);                 // ... wait: f is at 12
        asm.ret();
        assertArrayEquals(hex("e8 07000000 4c8d0d 00000000 c3"), asm.finish());
        assertEquals(12, f.offset());
    }

    @Test
    void ripRelativeDisplacementAccountsForATrailingImmediate() {
        Assembler asm = new Assembler();
        Label data = asm.newLabel();
        asm.mov(Width.W32, Mem.rip(data), Imm.of(0x11223344));   // c7 05 rel32 imm32: 10 bytes
        asm.bind(data);
        assertArrayEquals(hex("c705 00000000 44332211"), asm.finish());
    }

    @Test
    void externalCallsAreReportedAsRelocationsAtTheirFinalOffsets() {
        Assembler asm = Assembler.withListing();
        Label skip = asm.newLabel();
        asm.jmp(skip);                    // short: 2 bytes
        filler(asm, 3);
        asm.bind(skip);
        asm.callExternal("memmove");      // e8 at 5, rel32 at 6
        asm.align(16);
        asm.callExternal(42);             // at 16, rel32 at 17
        byte[] code = asm.finish();
        assertEquals(List.of(new Relocation(6, "memmove"), new Relocation(17, 42)), asm.relocations());
        assertEquals("e800000000", HexFormat.of().formatHex(code, 5, 10));
        assertEquals(21, code.length);
        assertTrue(asm.listing().contains("call 0xa    ; -> memmove"), asm.listing());

        Assembler same = Assembler.withListing();   // the same layout, without labels, for objdump
        same.nop(5);
        same.callExternal("memmove");
        same.nop(6);
        same.callExternal(42);
        ObjdumpCheck.check(same);
    }

    @Test
    void relocationDisplacementIsRelativeToTheEndOfTheCallAndRangeChecked() {
        Relocation r = new Relocation(6, "f");
        assertEquals(0x1000 - (0x10_0000 + 10), r.displacement(0x10_0000, 0x1000));
        assertEquals(Integer.MAX_VALUE, r.displacement(0, 10L + Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE, r.displacement(0, 10L + Integer.MIN_VALUE));
        assertThrows(IllegalArgumentException.class, () -> r.displacement(0, 11L + Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> r.displacement(0x7fff_0000_0000L, 0x1000));
    }

    @Test
    void alignmentPadsWithNopsAndMovesLaterLabels() {
        Assembler asm = Assembler.withListing();
        Label loop = asm.newLabel("loop");
        Label back = asm.newLabel("back");
        asm.bind(back);
        asm.mov(Width.W64, Gpr.RAX, Gpr.RCX);   // 3 bytes
        asm.align(32);
        asm.bind(loop);
        asm.alu(AluOp.SUB, Width.W64, Gpr.RAX, Imm.of(1));
        asm.jcc(Condition.NE, loop);
        asm.jmp(back);
        asm.align(16);
        asm.ret();
        ObjdumpCheck.check(asm);
        assertEquals(32, loop.offset());
        assertEquals(0, back.offset());
        String listing = asm.listing();
        assertTrue(listing.contains("loop:\n    20: 48 83 e8 01"), listing);
        assertTrue(listing.contains("nop WORD PTR [rax+rax*1+0x0]"), listing);
    }

    @Test
    void alignmentAfterBranchesIsComputedOnTheFinalLayout() {
        Assembler asm = Assembler.withListing();
        Label far = asm.newLabel();
        asm.jmp(far);          // grows to 5 bytes
        asm.align(8);
        Label aligned = asm.newLabel();
        asm.bind(aligned);
        filler(asm, 300);
        asm.bind(far);
        asm.ret();
        ObjdumpCheck.check(asm);
        assertEquals(8, aligned.offset());
    }

    @Test
    void anUnboundLabelIsAnErrorThatNamesIt() {
        Assembler asm = new Assembler();
        asm.jmp(asm.newLabel("exit"));
        IllegalStateException e = assertThrows(IllegalStateException.class, asm::finish);
        assertTrue(e.getMessage().contains("exit"), e.getMessage());

        Assembler asm2 = new Assembler();
        asm2.lea(Gpr.RAX, asm2.newLabel("table"));
        e = assertThrows(IllegalStateException.class, asm2::finish);
        assertTrue(e.getMessage().contains("table"), e.getMessage());
    }

    @Test
    void labelMisuseIsRejected() {
        Assembler asm = new Assembler();
        Assembler other = new Assembler();
        Label l = asm.newLabel("l");
        asm.bind(l);
        assertThrows(IllegalStateException.class, () -> asm.bind(l));
        assertThrows(IllegalArgumentException.class, () -> other.jmp(l));
        assertThrows(IllegalArgumentException.class, () -> other.lea(Gpr.RAX, Mem.rip(l)));
        assertThrows(IllegalStateException.class, l::offset);
        assertEquals(0, asm.position());
        asm.jmp(l);
        assertThrows(IllegalStateException.class, asm::position);
        asm.finish();
        assertEquals(0, l.offset());
        assertThrows(IllegalStateException.class, asm::finish);
        assertThrows(IllegalStateException.class, asm::ret);
        assertThrows(IllegalStateException.class, () -> new Assembler().relocations());
        assertThrows(IllegalStateException.class, () -> {
            Assembler plain = new Assembler();
            plain.finish();
            plain.lines();
        });
    }

    @Test
    void positionIsExactBeforeAnyRelaxableItem() {
        Assembler asm = new Assembler();
        asm.push(Gpr.RBP);
        asm.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        assertEquals(4, asm.position());
        asm.call(asm.newLabel());   // calls are not relaxed
        assertEquals(9, asm.position());
    }
}
