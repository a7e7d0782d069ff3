package dev.kiln.internal.compiler.backend;

import dev.kiln.TrapKind;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Relocation;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.nativecode.Abi;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.nativecode.Exits;
import dev.kiln.internal.nativecode.SourceMap;
import dev.kiln.internal.nativecode.StackGrowth;
import dev.kiln.internal.nativecode.ValueMoves;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an allocated {@link MachineFunction} (every register physical) into machine code: the
 * prologue, the blocks in order, the out-of-line trap stubs and sites, the constant pool
 * (16-aligned 16-byte constants that float code reads RIP-relative), and the function's
 * {@link SourceMap}.
 *
 * <pre>
 *            (high addresses)
 *          | incoming stack params, results |  [RBP + 16 + offset]
 *          | return address                 |  [RBP + 8]
 *   RBP -> | caller's RBP                   |  [RBP]
 *          | saved callee-saved GPRs        |  8 bytes each: [RBP - 8], [RBP - 16], ...
 *          | saved callee-saved XMMs        |  16 bytes each
 *          | spill slots                    |  8 bytes each
 *          | padding to 16                  |
 *   RSP -> | outgoing area of calls         |  [RSP + offset]
 * </pre>
 *
 * Prologue: {@code push rbp; mov rbp, rsp}, the stack check for the whole frame (RAX still holds
 * the execution context there), {@code sub rsp, frame}, then the saves. Everything is addressed
 * from RBP or RSP, the only places a stack address may live (docs/native-abi.md).
 *
 * <p>Traps leave through two steps, so that each check has an address of its own for the stack
 * trace, at five bytes a check:
 * <pre>
 *   jcc stub          a check (one stub per trap kind, context register and Wasm instruction)
 *   ...
 *   stub: call site   its return address is the check's stopping point in the source map
 *   site: pop r11     one per trap kind and context register: the popped address is the trap's
 *         trap exit   resume address ({@link Exits#trapFromCall})
 * </pre>
 * Calls record their return addresses, and interrupt exits their resume addresses, the same way.
 *
 * <p>A block that is only a jump (an edge block the allocator put no moves in) is not emitted:
 * branches to it go where it jumps ({@link #forward}).
 */
public final class Emitter implements Emission {

    /** What the ALU operation that ended the instruction just emitted wrote, if one did ({@link #flagsSetBy}). */
    private Gpr flagsRegister;
    private Width flagsWidth;
    /** The same, as the previous instruction left them: what the one being emitted may read. */
    private Gpr flagsWere;
    private Width flagsWidthWere;

    /**
     * The finished code of one function and the calls the linker patches.
     *
     * @param listing the code as text with offsets and bytes, or null if not asked for
     */
    public record Code(byte[] bytes, List<Relocation> relocations, SourceMap sources, String listing) {}

    /** Where loop headers start: the fetch and decode unit's 16 bytes. */
    private static final int LOOP_ALIGNMENT = 16;

    private final MachineFunction function;
    private final Assembler assembler;
    private final Map<MachineBlock, Label> labels = new HashMap<>();
    /** Each block to the block a branch to it goes to ({@link #forward}): itself if it is emitted. */
    private final Map<MachineBlock, MachineBlock> forwards = new HashMap<>();
    private final Map<TrapStub, Label> trapStubs = new LinkedHashMap<>();
    private final Map<TrapSite, Label> trapSites = new LinkedHashMap<>();
    private final Map<Constant, Label> constants = new LinkedHashMap<>();
    private final Map<InterruptSite, Label> interruptSites = new LinkedHashMap<>();
    /** The stopping points so far, in code order. */
    private final List<Stop> stops = new ArrayList<>();
    /** The Wasm byte offset of the instruction being emitted. */
    private int source = -1;
    private final List<Operand> saved = new ArrayList<>();
    private final int savedBytes;
    private final int frameSize;
    private MachineBlock next;

    private record TrapStub(TrapKind kind, Gpr context, int source) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof TrapStub o && kind == o.kind && context == o.context && source == o.source;
        }

        @Override
        public int hashCode() {
            return (kind.hashCode() * 31 + context.hashCode()) * 31 + source;
        }
    }

    private record TrapSite(TrapKind kind, Gpr context) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof TrapSite o && kind == o.kind && context == o.context;
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + context.hashCode();
        }
    }

    private record InterruptSite(Gpr context, int source) {
        // equals and hashCode by hand, for the reason FunctionType gives
        @Override
        public boolean equals(Object other) {
            return other instanceof InterruptSite o && context == o.context && source == o.source;
        }

        @Override
        public int hashCode() {
            return context.hashCode() * 31 + source;
        }
    }

    /** An address a stack walk can find ({@link #markStop}) and the Wasm byte offset it maps to. */
    private record Stop(Label at, int source) {}

    private record Constant(long low, long high) {}

    private Emitter(MachineFunction function, boolean listing) {
        this.function = function;
        this.assembler = listing ? Assembler.withListing() : new Assembler();
        for (MachineBlock b : function.blocks()) {
            for (MachineInstruction i : b.instructions()) {
                for (int d = 0; d < i.defCount(); d++) {
                    requirePhysical(i.def(d), i);
                }
                for (int u = 0; u < i.useCount(); u++) {
                    requirePhysical(i.use(u), i);
                }
            }
        }
        long used = function.registersWritten();
        int bytes = 0;
        for (Operand r : Abi.CALLEE_SAVED) {
            if ((used & Reg.bit(Reg.of(r))) != 0) {
                saved.add(r);
                bytes += r instanceof Gpr ? 8 : 16;
            }
        }
        this.savedBytes = bytes;
        int below = savedBytes + 8 * function.spillSlotCount();
        this.frameSize = ((below + 15) & -16) + function.outgoingArea();
    }

    /** Emits {@code function}, whose registers the allocator has made physical. */
    public static Code emit(MachineFunction function) {
        return emit(function, false);
    }

    /** {@link #emit(MachineFunction)}, with the listing of the code if {@code listing}. */
    public static Code emit(MachineFunction function, boolean listing) {
        return new Emitter(function, listing).run();
    }

    private Code run() {
        boolean listing = assembler.isListing();
        List<MachineBlock> blocks = function.blocks();
        List<MachineBlock> emitted = new ArrayList<>();
        for (int k = 0; k < blocks.size(); k++) {
            MachineBlock b = blocks.get(k);
            MachineBlock to = k == 0 ? b : forward(b);
            forwards.put(b, to);
            if (to == b) {
                labels.put(b, assembler.newLabel());
                emitted.add(b);
            }
        }
        prologue();
        for (int k = 0; k < emitted.size(); k++) {
            MachineBlock block = emitted.get(k);
            next = k + 1 < emitted.size() ? emitted.get(k + 1) : null;
            if (k > 0 && block.loopDepth() > emitted.get(k - 1).loopDepth()) {
                // A loop's first block (its header: the layout puts it first): 16-aligned, so
                // where the loop's code sits does not move its speed with unrelated changes.
                assembler.align(LOOP_ALIGNMENT);
            }
            assembler.bind(labels.get(block));
            flagsRegister = null; // another block may jump here
            for (MachineInstruction i : block.instructions()) {
                source = i.sourceOffset();
                flagsWere = flagsRegister;
                flagsWidthWere = flagsWidth;
                flagsRegister = null;
                i.emit(this);
            }
        }
        for (var stub : trapStubs.entrySet()) {
            assembler.bind(stub.getValue());
            TrapStub key = stub.getKey();
            source = key.source();
            assembler.call(trapSites.computeIfAbsent(new TrapSite(key.kind(), key.context()), k -> assembler.newLabel()));
            markStop();
        }
        for (var site : trapSites.entrySet()) {
            assembler.bind(site.getValue());
            Gpr context = site.getKey().context();
            if (context == Gpr.RBX || context.code() >= Gpr.R12.code()) {
                assembler.mov(Width.W64, Gpr.R10, context); // the trap exit restores those
                context = Gpr.R10;
            }
            Exits.trapFromCall(assembler, context, ExitCode.forTrap(site.getKey().kind()));
        }
        for (var site : interruptSites.entrySet()) {
            assembler.bind(site.getValue());
            Gpr context = site.getKey().context();
            if (context != Gpr.RAX) {
                assembler.mov(Width.W64, Gpr.RAX, context);
            }
            // Java answers with a trap: nothing resumes, so R11 need not survive.
            Exits.exitAndResume(assembler, ExitCode.TERMINATION_CHECK, Gpr.R11);
            source = site.getKey().source();
            markStop();
            assembler.ud2();
        }
        for (var constant : constants.entrySet()) {
            assembler.align(16);
            assembler.bind(constant.getValue());
            assembler.data(littleEndian(constant.getKey().low()));
            assembler.data(littleEndian(constant.getKey().high()));
        }
        byte[] bytes = assembler.finish();
        return new Code(bytes, assembler.relocations(), sourceMap(), listing ? assembler.listing() : null);
    }

    private SourceMap sourceMap() {
        int[] offsets = new int[stops.size()];
        int[] sources = new int[stops.size()];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = stops.get(k).at().offset();
            sources[k] = stops.get(k).source();
        }
        return new SourceMap(offsets, sources);
    }

    private void prologue() {
        assembler.push(Gpr.RBP);
        assembler.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(assembler, frameSize);
        if (frameSize > 0) {
            assembler.alu(AluOp.SUB, Width.W64, Gpr.RSP, new Imm(frameSize));
        }
        int offset = 0;
        for (Operand r : saved) {
            offset += r instanceof Gpr ? 8 : 16;
            ValueMoves.save(assembler, Mem.of(Gpr.RBP, -offset), r);
        }
    }

    @Override
    public void epilogue() {
        int offset = 0;
        for (Operand r : saved) {
            offset += r instanceof Gpr ? 8 : 16;
            ValueMoves.restore(assembler, r, Mem.of(Gpr.RBP, -offset));
        }
        assembler.mov(Width.W64, Gpr.RSP, Gpr.RBP);
        assembler.pop(Gpr.RBP);
    }

    @Override
    public Assembler assembler() {
        return assembler;
    }

    /**
     * Where a branch to {@code block} may go straight: past blocks that are only a jump (an edge
     * block the allocator put no moves in), so they cost neither a jump nor a byte. A cycle of
     * such blocks (which WebAssembly code does not make: a loop header checks the interrupt flag)
     * is left as it is.
     */
    private MachineBlock forward(MachineBlock block) {
        MachineBlock at = block;
        for (int steps = 0; steps <= function.blocks().size() && onlyJumps(at); steps++) {
            at = ((Jump) at.instructions().getLast()).target();
        }
        return onlyJumps(at) ? block : at;
    }

    /** Whether {@code block} emits nothing but its jump: moves the allocator made into no-ops may precede it. */
    private static boolean onlyJumps(MachineBlock block) {
        List<MachineInstruction> instructions = block.instructions();
        if (!(instructions.getLast() instanceof Jump)) {
            return false;
        }
        for (int k = 0; k < instructions.size() - 1; k++) {
            MachineInstruction i = instructions.get(k);
            if (!i.isMove() || i.def(0) != i.use(0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Label label(MachineBlock block) {
        Label label = labels.get(forwards.getOrDefault(block, block));
        if (label == null) {
            throw new IllegalStateException(block + " is not a block of " + function.name());
        }
        return label;
    }

    @Override
    public boolean isNext(MachineBlock block) {
        return forwards.getOrDefault(block, block) == next;
    }

    @Override
    public Label trapSite(TrapKind kind, Gpr context) {
        return trapStubs.computeIfAbsent(new TrapStub(kind, context, source), k -> assembler.newLabel());
    }

    @Override
    public Label interruptSite(Gpr context) {
        return interruptSites.computeIfAbsent(new InterruptSite(context, source), k -> assembler.newLabel());
    }

    @Override
    public void markStop() {
        Label here = assembler.newLabel();
        assembler.bind(here);
        stops.add(new Stop(here, source));
    }

    @Override
    public Mem constant(long low, long high) {
        return Mem.rip(constants.computeIfAbsent(new Constant(low, high), k -> assembler.newLabel()));
    }

    private static byte[] littleEndian(long value) {
        byte[] bytes = new byte[8];
        for (int k = 0; k < 8; k++) {
            bytes[k] = (byte) (value >>> (8 * k));
        }
        return bytes;
    }

    @Override
    public void flagsSetBy(Gpr register, Width width) {
        flagsRegister = register;
        flagsWidth = width;
    }

    @Override
    public boolean zeroFlagOf(Gpr register, Width width) {
        return flagsWere == register && flagsWidthWere == width;
    }

    @Override
    public Mem spillSlot(int slot) {
        if (slot < 0 || slot >= function.spillSlotCount()) {
            throw new IllegalArgumentException("no spill slot " + slot + " in " + function.name());
        }
        return Mem.of(Gpr.RBP, -savedBytes - 8 * (slot + 1));
    }

    private int requirePhysical(int reg, MachineInstruction instruction) {
        if (!Reg.isPhysical(reg)) {
            throw new IllegalStateException(function.name() + ": " + instruction + " still names virtual " + Reg.name(reg));
        }
        return reg;
    }
}
