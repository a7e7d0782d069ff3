package dev.kiln.internal.compiler.amd64;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Emits x86-64 machine code. Each method encodes one instruction straight into a byte buffer
 * (checking its operands first, so a rejected instruction leaves nothing behind); branches to
 * labels are kept aside and sized when {@link #finish()} lays the code out.
 *
 * <p>Operand conventions: the destination comes first, as in Intel syntax. Widths are explicit;
 * registers have none of their own. Immediates must fit the instruction's width (read as signed or
 * unsigned); W64 immediates are sign-extended 32-bit values except for {@code mov} to a register.
 * Anything else is an {@link IllegalArgumentException} naming the instruction.
 *
 * <p>Offsets: {@link #position()} is exact only while no relaxable item (a branch to a label, an
 * alignment) has been emitted; in general, bind a {@link Label} and read {@link Label#offset()}
 * after {@link #finish()}.
 *
 * <p>An assembler made {@link #withListing()} also records every instruction for {@link #lines()}
 * and {@link #listing()}; one made with {@code new Assembler()} allocates nothing per instruction
 * beyond its operands.
 *
 * <p>An assembler is used by one thread at a time, for one piece of code: it cannot be reused
 * after {@link #finish()}.
 */
public final class Assembler {

    private final CodeBuffer code = new CodeBuffer();
    private final Sites sites = new Sites();
    private final List<Label> labels = new ArrayList<>();
    /** What was emitted, in order, for the listing; null when not listing. */
    private final List<Entry> entries;

    private byte[] result;
    private List<Relocation> relocations;

    /** An assembler without a listing. */
    public Assembler() {
        this(false);
    }

    private Assembler(boolean listing) {
        this.entries = listing ? new ArrayList<>() : null;
    }

    /** An assembler that also records a listing ({@link #lines()}, {@link #listing()}). */
    public static Assembler withListing() {
        return new Assembler(true);
    }

    /**
     * One recorded item: an instruction encoded into the buffer between {@code start} and
     * {@code end}, a site (a relaxable branch or an alignment), or a label binding.
     */
    private record Entry(int start, int end, int sitesBefore, int site, Instruction instruction, Label label) {
    }

    /** An instruction of the finished code, for golden tests and debugging. */
    public record Line(int offset, int length, Instruction instruction) {
        /** The instruction in objdump's Intel syntax. */
        public String text() {
            return instruction.intel(offset + length);
        }
    }

    /** Whether this assembler keeps a listing ({@link #withListing()}). */
    public boolean isListing() {
        return entries != null;
    }

    // ---------------------------------------------------------------- labels and layout

    public Label newLabel() {
        return newLabel("L" + labels.size());
    }

    /** A label with a name for listings and error messages. */
    public Label newLabel(String name) {
        Label l = new Label(this, name);
        labels.add(l);
        return l;
    }

    /** Binds {@code label} to the current position. */
    public void bind(Label label) {
        checkOpen();
        own(label);
        if (label.isBound()) {
            throw new IllegalStateException("label " + label + " is already bound");
        }
        label.bufferPosition = code.size();
        label.sitesBefore = sites.count();
        if (entries != null) {
            entries.add(new Entry(code.size(), code.size(), sites.count(), -1, null, label));
        }
    }

    /**
     * The offset of the next instruction.
     *
     * @throws IllegalStateException once a relaxable branch or an alignment has been emitted, since
     *     from then on offsets depend on the layout {@link #finish()} chooses; use a label instead
     */
    public int position() {
        if (sites.count() != 0) {
            throw new IllegalStateException("offsets are not final before finish() once a branch to a label "
                    + "or an alignment has been emitted; bind a Label and read its offset() after finish()");
        }
        return code.size();
    }

    /** Pads with nops up to a multiple of {@code alignment} (a power of two, at most 4096). */
    public void align(int alignment) {
        checkOpen();
        if (alignment < 1 || alignment > 4096 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two in 1..4096, got " + alignment);
        }
        int site = sites.count();
        sites.addAlign(code.size(), alignment);
        if (entries != null) {
            entries.add(new Entry(code.size(), code.size(), site, site, null, null));
        }
    }

    /** Raw bytes (constants), copied into the code as they are. */
    public void data(byte... bytes) {
        int start = begin();
        for (byte b : bytes) {
            code.emit8(b);
        }
        if (entries != null) {
            listed(start, new Data(bytes));
        }
    }

    /**
     * Lays the code out and returns it: chooses each branch's size, writes the branches, patches
     * label displacements and records the relocations ({@link #relocations()}). The array is the
     * caller's to patch (relocations) and copy; the assembler cannot emit afterwards.
     *
     * @throws IllegalStateException if a label that is referred to was never bound
     */
    public byte[] finish() {
        checkOpen();
        checkReferencedLabelsBound();
        sites.relax();
        for (Label l : labels) {
            if (l.isBound()) {
                l.offset = sites.finalOffset(l.bufferPosition, l.sitesBefore);
            }
        }
        byte[] out = sites.write(code.bytes(), code.size());
        for (int i = 0; i < code.fixupCount(); i++) {
            int at = translate(code.fixupPosition(i));
            int end = at + code.fixupEndDelta(i);
            Sites.put32(out, at, code.fixupLabel(i).offset + code.fixupAddend(i) - end);
        }
        List<Relocation> relocs = new ArrayList<>(code.relocationCount());
        for (int i = 0; i < code.relocationCount(); i++) {
            relocs.add(new Relocation(translate(code.relocationPosition(i)), code.relocationTarget(i)));
        }
        relocations = List.copyOf(relocs);
        result = out;
        return out;
    }

    /** A buffer position inside an instruction, as an offset in the finished code. */
    private int translate(int bufferPosition) {
        return sites.finalOffset(bufferPosition, sites.sitesAtOrBefore(bufferPosition));
    }

    private void checkReferencedLabelsBound() {
        for (int i = 0; i < sites.count(); i++) {
            Label l = sites.target(i);
            if (l != null && !l.isBound()) {
                throw unbound(l);
            }
        }
        for (int i = 0; i < code.fixupCount(); i++) {
            if (!code.fixupLabel(i).isBound()) {
                throw unbound(code.fixupLabel(i));
            }
        }
    }

    private static IllegalStateException unbound(Label l) {
        return new IllegalStateException("label " + l + " is used but never bound");
    }

    /** The calls to external targets, with their offsets in the finished code. */
    public List<Relocation> relocations() {
        checkFinished();
        return relocations;
    }

    /** The finished code's instructions with their offsets (needs {@link #withListing()}). */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        walk(label -> { }, lines::add);
        return lines;
    }

    /**
     * The finished code as text, one instruction per line with its offset and bytes, and the labels
     * where they are bound (needs {@link #withListing()}):
     * <pre>
     * loop:
     *    1a: 48 83 c0 01              add rax,0x1
     * </pre>
     */
    public String listing() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.ofDelimiter(" ");
        walk(label -> sb.append(label.name()).append(":\n"), line -> {
            String bytes = hex.formatHex(result, line.offset(), line.offset() + line.length());
            sb.append(String.format("%6x: %-30s %s", line.offset(), bytes, line.text()));
            if (line.instruction() instanceof CallExternal c) {
                sb.append("    ; -> ").append(c.target());
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    /** Visits the recorded labels and instructions in order, at their final offsets. */
    private void walk(Consumer<Label> onLabel, Consumer<Line> onLine) {
        checkFinished();
        if (entries == null) {
            throw new IllegalStateException("this assembler was not created withListing()");
        }
        for (Entry e : entries) {
            if (e.label != null) {
                onLabel.accept(e.label);
            } else if (e.site < 0) {
                onLine.accept(new Line(sites.finalOffset(e.start, e.sitesBefore), e.end - e.start, e.instruction));
            } else if (e.instruction != null) {
                onLine.accept(new Line(sites.siteOffset(e.site), sites.size(e.site), e.instruction));
            } else {
                // Alignment padding: as many nops as objdump will show.
                int offset = sites.siteOffset(e.site);
                for (int left = sites.size(e.site); left > 0; ) {
                    int n = Math.min(left, Nop.MAX_LENGTH);
                    onLine.accept(new Line(offset, n, new Nop(n)));
                    offset += n;
                    left -= n;
                }
            }
        }
    }

    // ---------------------------------------------------------------- bookkeeping

    private int begin() {
        checkOpen();
        return code.size();
    }

    private void checkOpen() {
        if (result != null) {
            throw new IllegalStateException("the assembler is finished");
        }
    }

    private void checkFinished() {
        if (result == null) {
            throw new IllegalStateException("the assembler is not finished");
        }
    }

    private void own(Label label) {
        if (label == null) {
            throw new IllegalArgumentException("label is null");
        }
        if (label.owner != this) {
            throw new IllegalArgumentException("label " + label + " belongs to another assembler");
        }
    }

    private void own(Operand o) {
        if (o instanceof Mem m && m.label() != null) {
            own(m.label());
        }
    }

    private void listed(int start, Instruction instruction) {
        entries.add(new Entry(start, code.size(), sites.count(), -1, instruction, null));
    }

    private void branch(int kind, Condition cc, Label target, Instruction listed) {
        checkOpen();
        own(target);
        int site = sites.count();
        sites.addBranch(code.size(), kind, cc == null ? 0 : cc.code(), target);
        if (entries != null) {
            entries.add(new Entry(code.size(), code.size(), site, site, listed, null));
        }
    }

    /** Emits {@code instruction} (a copy of one from a listing, or one built by hand). */
    public void emit(Instruction instruction) {
        instruction.emitTo(this);
    }

    void nullary(Nullary n) {
        int start = begin();
        n.encode(code);
        if (entries != null) {
            listed(start, n);
        }
    }

    // ---------------------------------------------------------------- integer moves and arithmetic

    /**
     * {@code mov dst, src}: register/memory from register, register from memory, register or
     * memory from an immediate (see {@link Mov} for how a W64 immediate is encoded).
     */
    public void mov(Width w, Operand dst, Operand src) {
        own(dst);
        own(src);
        int start = begin();
        Mov.encode(code, w, dst, src);
        if (entries != null) {
            listed(start, new Mov(w, dst, src));
        }
    }

    /** {@code lea dst, [src]} (64-bit). */
    public void lea(Gpr dst, Mem src) {
        lea(Width.W64, dst, src);
    }

    /** {@code lea dst, [src]} in {@code width} (32: the sum's low half, zero-extended). */
    public void lea(Width width, Gpr dst, Mem src) {
        own(src);
        int start = begin();
        Lea.encode(code, width, dst, src);
        if (entries != null) {
            listed(start, new Lea(width, dst, src));
        }
    }

    /** {@code lea dst, [rip + target]}: the address of a label. */
    public void lea(Gpr dst, Label target) {
        lea(dst, Mem.rip(target));
    }

    /** {@code add/or/adc/sbb/and/sub/xor/cmp dst, src}. */
    public void alu(AluOp op, Width w, Operand dst, Operand src) {
        own(dst);
        own(src);
        int start = begin();
        Alu.encode(code, op, w, dst, src);
        if (entries != null) {
            listed(start, new Alu(op, w, dst, src));
        }
    }

    /** {@code test a, b}: b is a register or an immediate (or a is a register and b memory). */
    public void test(Width w, Operand a, Operand b) {
        own(a);
        own(b);
        int start = begin();
        TestFlags.encode(code, w, a, b);
        if (entries != null) {
            listed(start, new TestFlags(w, a, b));
        }
    }

    // ---------------------------------------------------------------- stack

    public void push(Gpr src) {
        int start = begin();
        Push.encode(code, src);
        if (entries != null) {
            listed(start, new Push(src));
        }
    }

    /** {@code push imm}: a sign-extended imm8 or imm32, pushed as 64 bits. */
    public void push(Imm src) {
        int start = begin();
        Push.encode(code, src);
        if (entries != null) {
            listed(start, new Push(src));
        }
    }

    public void pop(Gpr dst) {
        int start = begin();
        Pop.encode(code, dst);
        if (entries != null) {
            listed(start, new Pop(dst));
        }
    }

    /**
     * {@code movzx dst, src}: zero-extends a {@code srcWidth} value to {@code dstWidth}. From W32 to
     * W64 this is {@code mov r32, r/m32}, which zero-extends by itself.
     */
    public void movzx(Width dstWidth, Gpr dst, Width srcWidth, Operand src) {
        movx(false, dstWidth, dst, srcWidth, src);
    }

    /** {@code movsx dst, src} (or {@code movsxd} from W32 to W64): sign-extends. */
    public void movsx(Width dstWidth, Gpr dst, Width srcWidth, Operand src) {
        movx(true, dstWidth, dst, srcWidth, src);
    }

    private void movx(boolean signed, Width dstWidth, Gpr dst, Width srcWidth, Operand src) {
        own(src);
        int start = begin();
        Movx.encode(code, signed, dstWidth, dst, srcWidth, src);
        if (entries != null) {
            listed(start, new Movx(signed, dstWidth, dst, srcWidth, src));
        }
    }

    /** Rotate or shift {@code dst} by a constant {@code count} (0..255; the CPU masks it). */
    public void shift(ShiftOp op, Width w, Operand dst, int count) {
        own(dst);
        int start = begin();
        Shift.encode(code, op, w, dst, count);
        if (entries != null) {
            listed(start, new Shift(op, w, dst, count));
        }
    }

    /** Rotate or shift {@code dst} by {@code cl}. */
    public void shiftByCl(ShiftOp op, Width w, Operand dst) {
        own(dst);
        int start = begin();
        ShiftByCl.encode(code, op, w, dst);
        if (entries != null) {
            listed(start, new ShiftByCl(op, w, dst));
        }
    }

    /** {@code imul dst, src}: {@code dst *= src}, the low half, signed or not alike. */
    public void imul(Width w, Gpr dst, Operand src) {
        own(src);
        int start = begin();
        Imul.encode(code, w, dst, src);
        if (entries != null) {
            listed(start, new Imul(w, dst, src));
        }
    }

    /** {@code imul dst, src, imm}: {@code dst = src * imm}. */
    public void imul(Width w, Gpr dst, Operand src, int imm) {
        own(src);
        int start = begin();
        ImulImm.encode(code, w, dst, src, imm);
        if (entries != null) {
            listed(start, new ImulImm(w, dst, src, imm));
        }
    }

    /** {@code not/neg/mul/imul/div/idiv operand} (the last four on rdx:rax). */
    public void unary(UnaryOp op, Width w, Operand operand) {
        own(operand);
        int start = begin();
        Unary.encode(code, op, w, operand);
        if (entries != null) {
            listed(start, new Unary(op, w, operand));
        }
    }

    /** Sign-extends eax into edx (before a 32-bit {@code idiv}). */
    public void cdq() {
        nullary(Nullary.CDQ);
    }

    /** Sign-extends rax into rdx (before a 64-bit {@code idiv}). */
    public void cqo() {
        nullary(Nullary.CQO);
    }

    /** {@code lzcnt dst, src}: needs CPUID's ABM/LZCNT bit (else it runs as bsr). */
    public void lzcnt(Width w, Gpr dst, Operand src) {
        bitCount(BitOp.LZCNT, w, dst, src);
    }

    /** {@code tzcnt dst, src}: needs CPUID's BMI1 bit (else it runs as bsf). */
    public void tzcnt(Width w, Gpr dst, Operand src) {
        bitCount(BitOp.TZCNT, w, dst, src);
    }

    /** {@code popcnt dst, src}: needs CPUID's POPCNT bit. */
    public void popcnt(Width w, Gpr dst, Operand src) {
        bitCount(BitOp.POPCNT, w, dst, src);
    }

    /** {@code bsr dst, src}: index of the highest set bit; ZF set and dst undefined if src is 0. */
    public void bsr(Width w, Gpr dst, Operand src) {
        bitCount(BitOp.BSR, w, dst, src);
    }

    /** {@code bsf dst, src}: index of the lowest set bit; ZF set and dst undefined if src is 0. */
    public void bsf(Width w, Gpr dst, Operand src) {
        bitCount(BitOp.BSF, w, dst, src);
    }

    /** One of the {@link BitOp}s. */
    public void bitCount(BitOp op, Width w, Gpr dst, Operand src) {
        own(src);
        int start = begin();
        BitCount.encode(code, op, w, dst, src);
        if (entries != null) {
            listed(start, new BitCount(op, w, dst, src));
        }
    }

    /** {@code setcc dst}: the low byte of {@code dst} becomes 1 if {@code cc} holds, else 0. */
    public void setcc(Condition cc, Gpr dst) {
        int start = begin();
        Setcc.encode(code, cc, dst);
        if (entries != null) {
            listed(start, new Setcc(cc, dst));
        }
    }

    /** {@code cmovcc dst, src} (W16, W32 or W64). */
    public void cmov(Condition cc, Width w, Gpr dst, Operand src) {
        own(src);
        int start = begin();
        Cmov.encode(code, cc, w, dst, src);
        if (entries != null) {
            listed(start, new Cmov(cc, w, dst, src));
        }
    }

    /** {@code xchg a, b}; with memory, implicitly locked. */
    public void xchg(Width w, Operand a, Gpr b) {
        own(a);
        int start = begin();
        Xchg.encode(code, w, a, b);
        if (entries != null) {
            listed(start, new Xchg(w, a, b));
        }
    }

    // ---------------------------------------------------------------- control flow

    /** {@code jmp target}, rel8 or rel32 as the layout allows. */
    public void jmp(Label target) {
        branch(Sites.JMP, null, target, entries == null ? null : new Jmp(target));
    }

    /** {@code jmp target} always in its 5-byte rel32 form: for tables of jumps indexed by size. */
    public void jmpLong(Label target) {
        checkOpen();
        own(target);
        int site = sites.count();
        sites.addLongJump(code.size(), target);
        if (entries != null) {
            entries.add(new Entry(code.size(), code.size(), site, site, new Jmp(target), null));
        }
    }

    /** {@code jcc target}, rel8 or rel32 as the layout allows. */
    public void jcc(Condition cc, Label target) {
        if (cc == null) {
            throw new IllegalArgumentException("jcc: condition is null");
        }
        branch(Sites.JCC, cc, target, entries == null ? null : new Jcc(cc, target));
    }

    /** {@code jmp r/m64}: to the address in a register or in memory. */
    public void jmp(Operand target) {
        own(target);
        int start = begin();
        IndirectBranch.encode(code, false, target);
        if (entries != null) {
            listed(start, new IndirectBranch(false, target));
        }
    }

    /** {@code call target} (rel32) to a label in this code. */
    public void call(Label target) {
        own(target);
        int start = begin();
        Call.encode(code, target);
        if (entries != null) {
            listed(start, new Call(target));
        }
    }

    /** {@code call r/m64}: to the address in a register or in memory. */
    public void call(Operand target) {
        own(target);
        int start = begin();
        IndirectBranch.encode(code, true, target);
        if (entries != null) {
            listed(start, new IndirectBranch(true, target));
        }
    }

    /**
     * {@code call rel32} to code outside this buffer, identified by {@code target} (any object the
     * caller understands, e.g. a function index). The rel32 is left 0 and reported by
     * {@link #relocations()} after {@link #finish()}.
     */
    public void callExternal(Object target) {
        int start = begin();
        CallExternal.encode(code, target);
        if (entries != null) {
            listed(start, new CallExternal(target));
        }
    }

    public void ret() {
        nullary(Nullary.RET);
    }

    public void ud2() {
        nullary(Nullary.UD2);
    }

    public void int3() {
        nullary(Nullary.INT3);
    }

    public void cpuid() {
        nullary(Nullary.CPUID);
    }

    /** Only where CPUID leaf 1 reports OSXSAVE; elsewhere it raises #UD. */
    public void xgetbv() {
        nullary(Nullary.XGETBV);
    }

    public void nop() {
        nop(1);
    }

    /** A single nop instruction of 1 to 9 bytes. */
    public void nop(int length) {
        if (length < 1 || length > Nop.MAX_LENGTH) {
            throw new IllegalArgumentException("nop: length must be 1.." + Nop.MAX_LENGTH + ", got " + length);
        }
        int start = begin();
        Nop.encode(code, length);
        if (entries != null) {
            listed(start, new Nop(length));
        }
    }

    // ---------------------------------------------------------------- SSE moves

    /** One of the SSE moves: XMM from XMM or memory, or memory from XMM. */
    public void sseMove(SseMoveOp op, Operand dst, Operand src) {
        own(dst);
        own(src);
        int start = begin();
        SseMove.encode(code, op, dst, src);
        if (entries != null) {
            listed(start, new SseMove(op, dst, src));
        }
    }

    /** Scalar single move; a load from memory zeroes the upper lanes, a register move keeps them. */
    public void movss(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVSS, dst, src);
    }

    /** Scalar double move; a load from memory zeroes the upper lane, a register move keeps it. */
    public void movsd(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVSD, dst, src);
    }

    public void movups(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVUPS, dst, src);
    }

    public void movupd(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVUPD, dst, src);
    }

    /** Aligned packed move: a memory operand must be 16-byte aligned. */
    public void movaps(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVAPS, dst, src);
    }

    /** Aligned packed move: a memory operand must be 16-byte aligned. */
    public void movapd(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVAPD, dst, src);
    }

    public void movdqu(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVDQU, dst, src);
    }

    /** Aligned integer move: a memory operand must be 16-byte aligned. */
    public void movdqa(Operand dst, Operand src) {
        sseMove(SseMoveOp.MOVDQA, dst, src);
    }

    /** 32 bits between a general register or memory and an XMM register's low lane. */
    public void movd(Operand dst, Operand src) {
        movdq(Width.W32, dst, src);
    }

    /** 64 bits between a general register, memory or XMM and an XMM register's low lane. */
    public void movq(Operand dst, Operand src) {
        movdq(Width.W64, dst, src);
    }

    private void movdq(Width w, Operand dst, Operand src) {
        own(dst);
        own(src);
        int start = begin();
        MovdMovq.encode(code, w, dst, src);
        if (entries != null) {
            listed(start, new MovdMovq(w, dst, src));
        }
    }

    // ---------------------------------------------------------------- SSE arithmetic and conversions

    /** {@code op dst, src} for an {@link SseOp}: scalar and packed arithmetic, compares, bitwise ops. */
    public void sse(SseOp op, Xmm dst, Operand src) {
        own(src);
        int start = begin();
        Sse.encode(code, op, dst, src);
        if (entries != null) {
            listed(start, new Sse(op, dst, src));
        }
    }

    /** {@code ucomiss a, b}: compares singles, setting ZF/PF/CF (PF: unordered, a NaN). */
    public void ucomiss(Xmm a, Operand b) {
        sse(SseOp.UCOMISS, a, b);
    }

    /** {@code ucomisd a, b}: compares doubles, setting ZF/PF/CF (PF: unordered, a NaN). */
    public void ucomisd(Xmm a, Operand b) {
        sse(SseOp.UCOMISD, a, b);
    }

    /** {@code pxor dst, src}; {@code pxor x, x} is the idiom for zeroing an XMM register. */
    public void pxor(Xmm dst, Operand src) {
        sse(SseOp.PXOR, dst, src);
    }

    /** {@code op dst, src, imm} for an {@link SseImmOp}. */
    public void sse(SseImmOp op, Xmm dst, Operand src, int imm) {
        own(src);
        int start = begin();
        SseImm.encode(code, op, dst, src, imm);
        if (entries != null) {
            listed(start, new SseImm(op, dst, src, imm));
        }
    }

    /** {@code roundss dst, src, mode}; mode is one of the {@code SseImm.ROUND_*} constants. */
    public void roundss(Xmm dst, Operand src, int mode) {
        sse(SseImmOp.ROUNDSS, dst, src, mode);
    }

    /** {@code roundsd dst, src, mode}; mode is one of the {@code SseImm.ROUND_*} constants. */
    public void roundsd(Xmm dst, Operand src, int mode) {
        sse(SseImmOp.ROUNDSD, dst, src, mode);
    }

    /** One of the {@link CvtOp} conversions; {@code w} is the integer side's width (W32 or W64). */
    public void cvt(CvtOp op, Width w, Operand dst, Operand src) {
        own(dst);
        own(src);
        int start = begin();
        Cvt.encode(code, op, w, dst, src);
        if (entries != null) {
            listed(start, new Cvt(op, w, dst, src));
        }
    }

    /** {@code cvtsi2ss dst, src}: a signed W32/W64 integer (register or memory) to single. */
    public void cvtsi2ss(Width w, Xmm dst, Operand src) {
        cvt(CvtOp.CVTSI2SS, w, dst, src);
    }

    /** {@code cvtsi2sd dst, src}: a signed W32/W64 integer (register or memory) to double. */
    public void cvtsi2sd(Width w, Xmm dst, Operand src) {
        cvt(CvtOp.CVTSI2SD, w, dst, src);
    }

    /** {@code cvttss2si dst, src}: single to a signed W32/W64 integer, truncating. */
    public void cvttss2si(Width w, Gpr dst, Operand src) {
        cvt(CvtOp.CVTTSS2SI, w, dst, src);
    }

    /** {@code cvttsd2si dst, src}: double to a signed W32/W64 integer, truncating. */
    public void cvttsd2si(Width w, Gpr dst, Operand src) {
        cvt(CvtOp.CVTTSD2SI, w, dst, src);
    }

    /** {@code cvtss2sd dst, src}: single to double. */
    public void cvtss2sd(Xmm dst, Operand src) {
        sse(SseOp.CVTSS2SD, dst, src);
    }

    /** {@code cvtsd2ss dst, src}: double to single. */
    public void cvtsd2ss(Xmm dst, Operand src) {
        sse(SseOp.CVTSD2SS, dst, src);
    }
}
