package dev.kiln.internal.compiler.backend;

import dev.kiln.CompileException;
import dev.kiln.internal.compiler.amd64.BitOp;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.SseOp;
import dev.kiln.internal.compiler.amd64.UnaryOp;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.pass.LoopNesting;
import dev.kiln.internal.compiler.ssa.Block;
import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Instruction;
import dev.kiln.internal.compiler.ssa.IntCondition;
import dev.kiln.internal.compiler.ssa.Opcode;
import dev.kiln.internal.compiler.ssa.Type;
import dev.kiln.internal.nativecode.Abi;
import dev.kiln.internal.nativecode.CallLayout;
import dev.kiln.internal.nativecode.ContextLayout;
import dev.kiln.internal.nativecode.CpuFeatures;
import dev.kiln.internal.nativecode.ExitCode;
import dev.kiln.internal.nativecode.ModuleContextLayout;
import dev.kiln.internal.runtime.MemoryDescriptor;
import dev.kiln.internal.wasm.Module;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Instruction selection: one SSA function to a {@link MachineFunction} on virtual registers,
 * one SSA value to one virtual register, in one walk over the blocks in layout order.
 *
 * <ul>
 *   <li><b>Fusion.</b> An {@code icmp} whose only use is the condition of a {@code brif},
 *       {@code trapif} or {@code select} in its block is not materialized: the user compares and
 *       reads the flags itself; so is an {@code fcmp} under a {@code brif} or {@code trapif}. An {@code iadd} whose only use is a load's or store's address becomes the
 *       address's base and index.
 *   <li><b>Constants</b> are never kept in registers across code: an {@code iconst} that fits an
 *       imm32 becomes the immediate of an ALU operation or compare that takes it, and anything
 *       else reads a fresh register loaded right before the use (rematerialized, so a constant
 *       never costs a register or a spill across a loop).
 *   <li><b>Block arguments</b> become moves into the target's parameter registers, through
 *       fresh registers when an argument is itself one of the parameters (a swap around a loop);
 *       the allocator's move hints remove most. An edge that passes arguments from a block with
 *       several successors gets a block of its own for them.
 *   <li><b>Interrupt checks</b> at the entry and at every loop header ({@link InterruptCheck}).
 *   <li><b>Loop depths</b> of the blocks, from {@link LoopNesting}, for the allocator's spill costs.
 *   <li><b>Fixed registers</b> (parameters, call arguments and results, {@code idiv}, shift
 *       counts) are moves into and out of physical registers right around what needs them.
 * </ul>
 *
 * <p>An i32 in a general register always has its upper 32 bits zero: every instruction that
 * makes one is a 32-bit operation (or a zero-extending load, {@code movzx}, or an
 * {@link IntConst} of the zero-extended value), and moves copy all 64 bits.
 */
public final class Lowering {

    /** What the lowering needs to know about the module: module-context offsets and globals. */
    public interface ModuleInfo {
        /** The module-context offset of memory {@code index}'s descriptor pointer. */
        int memoryPointer(int index);

        /** Whether global {@code index} is imported (its cell is then behind a pointer). */
        boolean isImportedGlobal(int index);

        /** The module-context offset of global {@code index}'s cell, or of the pointer to it. */
        int globalOffset(int index);

        /** The facts of {@code module}, whose instances' contexts have {@code layout}. */
        static ModuleInfo of(Module module, ModuleContextLayout layout) {
            int imported = module.importedGlobalCount();
            return new ModuleInfo() {
                @Override
                public int memoryPointer(int index) {
                    return layout.memory(index);
                }

                @Override
                public boolean isImportedGlobal(int index) {
                    return index < imported;
                }

                @Override
                public int globalOffset(int index) {
                    return index < imported ? layout.importedGlobal(index) : layout.globalCell(index - imported);
                }
            };
        }
    }

    private static final long CALLER_SAVED = callerSaved();

    private final Function ssa;
    private final ModuleInfo module;
    private final CpuFeatures cpu;
    private final ExitCalls exits;
    private final MachineFunction m;
    private final int[] vregs;
    private final Instruction[] definitions;
    private final int[] useCounts;
    private final boolean[] folded;
    private final Map<Block, MachineBlock> blocks = new HashMap<>();
    /** The compares {@link #foldByteEnd} rewrote, to the value they compare as {@code ge_u}. */
    private final Map<Instruction, Integer> byteEnds = new HashMap<>();
    private MachineBlock current;
    /** The Wasm byte offset of the SSA instruction being lowered, given to what it lowers to. */
    private int sourceOffset = -1;

    private Lowering(Function ssa, ModuleInfo module, CpuFeatures cpu, ExitCalls exits) {
        this.ssa = ssa;
        this.module = module;
        this.cpu = cpu;
        this.exits = exits;
        this.m = new MachineFunction(ssa.name());
        this.vregs = new int[ssa.valueIdLimit()];
        this.definitions = new Instruction[ssa.valueIdLimit()];
        this.useCounts = new int[ssa.valueIdLimit()];
        this.folded = new boolean[ssa.valueIdLimit()];
    }

    /**
     * Lowers {@code function}.
     *
     * @throws CompileException with {@link CompileException.Reason#UNSUPPORTED} for what this
     *     CPU cannot do (a bit count or rounding instruction it lacks), naming the function
     */
    public static MachineFunction lower(Function function, ModuleInfo module, CpuFeatures cpu, ExitCalls exits) {
        return new Lowering(function, module, cpu, exits).run();
    }

    private MachineFunction run() {
        scan();
        for (Block b : ssa.blocks()) {
            blocks.put(b, m.newBlock());
        }
        LoopNesting loops = new LoopNesting(ssa);
        for (Block b : ssa.blocks()) {
            blocks.get(b).setLoopDepth(loops.depth(b));
        }
        for (Block b : ssa.blocks()) {
            current = blocks.get(b);
            // a loop's interrupt check is where its first instruction is, as in a trace
            sourceOffset = b.first() == null ? -1 : b.first().sourceOffset();
            if (b == ssa.entry()) {
                receiveParameters(b);
                emit(new InterruptCheck(vregs[contextValue()]));
            } else if (loops.isHeader(b)) {
                emit(new InterruptCheck(vregs[contextValue()]));
            }
            for (Instruction i = b.first(); i != null; i = i.next()) {
                sourceOffset = i.sourceOffset();
                lower(i);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- analysis

    /** Numbers every value's register, finds definitions and use counts, and marks what is fused. */
    private void scan() {
        for (int v = 0; v < vregs.length; v++) {
            Type type = ssa.type(v);
            if (type != null) {
                vregs[v] = m.newVirtual(classOf(type));
            }
        }
        for (Block b : ssa.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                for (int r = 0; r < i.resultCount(); r++) {
                    definitions[i.result(r)] = i;
                }
                for (int o = 0; o < i.operandCount(); o++) {
                    useCounts[i.operand(o)]++;
                }
                for (int t = 0; t < i.targetCount(); t++) {
                    for (int a = 0; a < i.argumentCount(t); a++) {
                        useCounts[i.argument(t, a)]++;
                    }
                }
            }
        }
        boolean[] usedElsewhere = extendsUsedElsewhere();
        for (Block b : ssa.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                shareExtendedRegister(i, usedElsewhere);
                switch (i.opcode()) {
                    case ICMP -> foldByteEnd(i);
                    case BRIF, TRAPIF -> foldCompare(i, 0);
                    case SELECT -> foldCompare(i, 0);
                    case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32, STORE, ISTORE8, ISTORE16, ISTORE32 ->
                            foldAddress(i);
                    default -> { }
                }
            }
        }
    }

    /**
     * Gives a {@code uextend} its operand's register where nothing can write that register while
     * the {@code uextend}'s value lives: an instruction's result (written once, before), or a block
     * parameter (which the incoming edges write, at the ends of their blocks) when every use of
     * the value is an operand in the {@code uextend}'s own block, so none is past such an end.
     * Not a constant, loaded afresh at each use.
     */
    private void shareExtendedRegister(Instruction i, boolean[] usedElsewhere) {
        if (i.opcode() != Opcode.UEXTEND) {
            return;
        }
        Instruction def = definitions[i.operand(0)];
        boolean result = def != null && def.opcode() != Opcode.ICONST;
        boolean parameter = def == null && !usedElsewhere[i.result(0)];
        if (result || parameter) {
            vregs[i.result(0)] = vregs[i.operand(0)];
        }
    }

    /**
     * Per value, whether it is a branch argument or an operand outside the block of the
     * {@code uextend} defining it (only those values are marked).
     */
    private boolean[] extendsUsedElsewhere() {
        boolean[] elsewhere = new boolean[vregs.length];
        for (Block b : ssa.blocks()) {
            for (Instruction i = b.first(); i != null; i = i.next()) {
                for (int o = 0; o < i.operandCount(); o++) {
                    Instruction def = definitions[i.operand(o)];
                    if (def != null && def.opcode() == Opcode.UEXTEND && def.block() != b) {
                        elsewhere[i.operand(o)] = true;
                    }
                }
                for (int t = 0; t < i.targetCount(); t++) {
                    for (int a = 0; a < i.argumentCount(t); a++) {
                        elsewhere[i.argument(t, a)] = true;
                    }
                }
            }
        }
        return elsewhere;
    }

    private void foldCompare(Instruction user, int operand) {
        int v = user.operand(operand);
        Instruction def = definitions[v];
        if (def != null && (def.opcode() == Opcode.ICMP || def.opcode() == Opcode.FCMP && user.opcode() != Opcode.SELECT)
                && useCounts[v] == 1 && def.block() == user.block()) {
            folded[v] = true;
        }
    }

    /**
     * {@code icmp.gt_u (iadd x, 1), y} with {@code x} an {@code uextend} (so under 2^32: the add
     * cannot wrap) is {@code icmp.ge_u x, y}: a one-byte access's bounds check compares its
     * address itself, without computing its end.
     */
    private void foldByteEnd(Instruction icmp) {
        if (icmp.intCondition() != IntCondition.GT_U) {
            return;
        }
        int end = icmp.operand(0);
        Instruction add = definitions[end];
        if (add == null || add.opcode() != Opcode.IADD || useCounts[end] != 1 || add.block() != icmp.block()) {
            return;
        }
        Instruction one = definitions[add.operand(1)];
        Instruction extend = definitions[add.operand(0)];
        if (one != null && one.opcode() == Opcode.ICONST && one.immediate() == 1
                && extend != null && extend.opcode() == Opcode.UEXTEND) {
            folded[end] = true;
            byteEnds.put(icmp, add.operand(0));
        }
    }

    private void foldAddress(Instruction access) {
        int v = access.operand(0);
        Instruction def = definitions[v];
        if (def != null && def.opcode() == Opcode.IADD && useCounts[v] == 1 && def.block() == access.block()
                && !isConstant(def.operand(0)) && !isConstant(def.operand(1))) {
            folded[v] = true;
        }
    }

    private boolean isConstant(int value) {
        Instruction def = definitions[value];
        return def != null && def.opcode() == Opcode.ICONST;
    }

    /** The constant {@code value} holds if it is an {@code iconst} that fits an imm32, else null. */
    private Long imm32(int value) {
        Instruction def = definitions[value];
        if (def == null || def.opcode() != Opcode.ICONST) {
            return null;
        }
        long c = def.immediate();
        if (ssa.type(value) == Type.I32) {
            return (long) (int) c;
        }
        return c == (int) c ? c : null;
    }

    // ---------------------------------------------------------------- registers

    /** The register holding {@code value} here: its own, or a constant loaded right now. */
    private int reg(int value) {
        Instruction def = definitions[value];
        if (def != null && def.opcode() == Opcode.ICONST) {
            int r = m.newVirtual(RegClass.INT);
            emit(new IntConst(r, constantBits(value, def.immediate())));
            return r;
        }
        if (def != null && def.opcode() == Opcode.FCONST) {
            int r = m.newVirtual(RegClass.FLOAT);
            emit(new FloatConst(width(ssa.type(value)), r, def.immediate()));
            return r;
        }
        return vregs[value];
    }

    private long constantBits(int value, long immediate) {
        return ssa.type(value) == Type.I32 ? immediate & 0xffff_ffffL : immediate;
    }

    private void emit(MachineInstruction instruction) {
        instruction.setSourceOffset(sourceOffset);
        current.append(instruction);
    }

    private static RegClass classOf(Type type) {
        return type.isInt() ? RegClass.INT : RegClass.FLOAT;
    }

    private static Width width(Type type) {
        return switch (type) {
            case I32, F32 -> Width.W32;
            case I64, F64 -> Width.W64;
            case V128 -> throw new IllegalArgumentException("v128 has no scalar width");
        };
    }

    // ---------------------------------------------------------------- instructions

    private void lower(Instruction i) {
        if (i.resultCount() == 1 && folded[i.result(0)]) {
            return;
        }
        Opcode op = i.opcode();
        switch (op) {
            case ICONST, FCONST -> { } // rematerialized at each use
            case IADD -> add(i);
            case ISUB -> binary(i, IntOp.SUB, false);
            case IMUL -> binary(i, IntOp.IMUL, true);
            case FADD -> floatBinary(i, SseOp.ADDSS, SseOp.ADDSD);
            case FSUB -> floatBinary(i, SseOp.SUBSS, SseOp.SUBSD);
            case FMUL -> floatBinary(i, SseOp.MULSS, SseOp.MULSD);
            case FDIV -> floatBinary(i, SseOp.DIVSS, SseOp.DIVSD);
            case FMIN, FMAX -> minMax(i);
            case FCOPYSIGN -> copySign(i);
            case FABS -> signMask(i, SseOp.ANDPS, false);
            case FNEG -> signMask(i, SseOp.XORPS, true);
            case FSQRT -> floatUnary(i, FloatUnary.Op.SQRTSS, FloatUnary.Op.SQRTSD, false);
            case FCEIL -> floatUnary(i, FloatUnary.Op.CEILSS, FloatUnary.Op.CEILSD, true);
            case FFLOOR -> floatUnary(i, FloatUnary.Op.FLOORSS, FloatUnary.Op.FLOORSD, true);
            case FTRUNC -> floatUnary(i, FloatUnary.Op.TRUNCSS, FloatUnary.Op.TRUNCSD, true);
            case FNEAREST -> floatUnary(i, FloatUnary.Op.NEARESTSS, FloatUnary.Op.NEARESTSD, true);
            case FPROMOTE -> emit(new FloatUnary(FloatUnary.Op.PROMOTE, vregs[i.result(0)], reg(i.operand(0))));
            case FDEMOTE -> emit(new FloatUnary(FloatUnary.Op.DEMOTE, vregs[i.result(0)], reg(i.operand(0))));
            case FCVT_FROM_SINT -> intToFloat(i, true);
            case FCVT_FROM_UINT -> intToFloat(i, false);
            case FCVT_TO_SINT -> floatToInt(i, true, false);
            case FCVT_TO_UINT -> floatToInt(i, false, false);
            case FCVT_TO_SINT_SAT -> floatToInt(i, true, true);
            case FCVT_TO_UINT_SAT -> floatToInt(i, false, true);
            case BITCAST -> emit(new BitMove(width(resultType(i)), vregs[i.result(0)], reg(i.operand(0))));
            case FCMP -> emit(new FloatCompareSet(floatComparison(i), vregs[i.result(0)], reg(i.operand(0)),
                    reg(i.operand(1))));
            case BAND -> binary(i, IntOp.AND, true);
            case BOR -> binary(i, IntOp.OR, true);
            case BXOR -> binary(i, IntOp.XOR, true);
            case ISHL -> shift(i, IntOp.SHL);
            case SSHR -> shift(i, IntOp.SAR);
            case USHR -> shift(i, IntOp.SHR);
            case ROTL -> shift(i, IntOp.ROL);
            case ROTR -> shift(i, IntOp.ROR);
            case SDIV -> divide(i, true, false);
            case UDIV -> divide(i, false, false);
            case SREM -> divide(i, true, true);
            case UREM -> divide(i, false, true);
            case CLZ -> bitCount(i, BitOp.LZCNT, cpu.lzcnt());
            case CTZ -> bitCount(i, BitOp.TZCNT, cpu.bmi1());
            case POPCNT -> bitCount(i, BitOp.POPCNT, cpu.popcnt());
            case SEXT8 -> extend(i, Width.W8, width(resultType(i)), true);
            case SEXT16 -> extend(i, Width.W16, width(resultType(i)), true);
            case SEXT32, SEXTEND -> extend(i, Width.W32, Width.W64, true);
            case UEXTEND -> uextend(i);
            case IREDUCE -> extend(i, Width.W32, Width.W64, false);
            case ICMP -> emit(new CompareSet(comparison(i), vregs[i.result(0)], compared(i)));
            case SELECT -> select(i);
            case LOAD, ULOAD8, SLOAD8, ULOAD16, SLOAD16, ULOAD32, SLOAD32 -> load(i);
            case STORE, ISTORE8, ISTORE16, ISTORE32 -> store(i);
            case MEMORY_BASE -> memoryField(i, MemoryDescriptor.BASE);
            case MEMORY_LENGTH -> memoryField(i, MemoryDescriptor.LENGTH);
            case GLOBAL_GET -> globalGet(i);
            case GLOBAL_SET -> globalSet(i);
            case CALL, CALL_INDIRECT -> call(i);
            case CALL_EXIT -> callExit(i);
            case TRAPIF -> trapIf(i);
            case TRAP -> emit(new Trap(i.trapKind(), vregs[contextValue()]));
            case JUMP -> jump(i);
            case BRIF -> brif(i);
            case BR_TABLE -> brTable(i);
            case RETURN -> ret(i);
            default -> throw unsupported(i, op.mnemonic());
        }
    }

    private Type resultType(Instruction i) {
        return ssa.type(i.result(0));
    }

    private CompileException unsupported(Instruction i, String what) {
        return new CompileException(CompileException.Reason.UNSUPPORTED, -1, "function " + ssa.name() + " uses "
                + what + " (" + i.opcode().mnemonic() + "), which the compiler's backend does not lower yet");
    }

    /** The execution context: the entry block's first parameter. */
    private int contextValue() {
        return ssa.entry().param(0);
    }

    private void binary(Instruction i, IntOp op, boolean commutative) {
        int[] xy = commutative ? constantLast(i) : new int[] {i.operand(0), i.operand(1)};
        int x = xy[0];
        int y = xy[1];
        int dst = vregs[i.result(0)];
        Width w = width(resultType(i));
        emit(new Move(RegClass.INT, dst, reg(x)));
        Long imm = imm32(y);
        if (imm != null) {
            emit(new IntBinary(op, w, dst, imm));
        } else {
            emit(new IntBinary(op, w, dst, reg(y)));
        }
    }

    /**
     * An i32's upper half is zero already (see the class comment), so its {@code uextend} is the
     * same bits: the same register where {@link #scan} could make it so, else a copy.
     */
    private void uextend(Instruction i) {
        int dst = vregs[i.result(0)];
        int src = reg(i.operand(0));
        if (dst != src) {
            emit(new Move(RegClass.INT, dst, src));
        }
    }

    /**
     * A commutative operation's two operands, swapped if only the first is a constant that fits
     * an imm32, so that the constant can be the instruction's immediate.
     */
    private int[] constantLast(Instruction i) {
        int x = i.operand(0);
        int y = i.operand(1);
        return imm32(x) != null && imm32(y) == null ? new int[] {y, x} : new int[] {x, y};
    }

    /** {@code iadd} as one {@link IntAdd}: no copy of an operand that lives on. */
    private void add(Instruction i) {
        int[] xy = constantLast(i);
        int x = xy[0];
        int y = xy[1];
        int dst = vregs[i.result(0)];
        Width w = width(resultType(i));
        Long imm = imm32(y);
        emit(imm != null ? new IntAdd(w, dst, reg(x), imm) : new IntAdd(w, dst, reg(x), reg(y)));
    }

    private void shift(Instruction i, IntOp op) {
        int dst = vregs[i.result(0)];
        Width w = width(resultType(i));
        emit(new Move(RegClass.INT, dst, reg(i.operand(0))));
        Long imm = imm32(i.operand(1));
        if (imm != null) {
            emit(new IntBinary(op, w, dst, imm));
        } else {
            int rcx = Reg.of(Gpr.RCX);
            emit(new Move(RegClass.INT, rcx, reg(i.operand(1))));
            emit(new IntBinary(op, w, dst, rcx));
        }
    }

    private void divide(Instruction i, boolean signed, boolean remainder) {
        Width w = width(resultType(i));
        int rax = Reg.of(Gpr.RAX);
        int rdx = Reg.of(Gpr.RDX);
        int divisor = reg(i.operand(1));
        emit(new Move(RegClass.INT, rax, reg(i.operand(0))));
        emit(new DividendHigh(w, signed));
        emit(new Divide(w, signed, remainder, divisor));
        emit(new Move(RegClass.INT, vregs[i.result(0)], remainder ? rdx : rax));
    }

    private void bitCount(Instruction i, BitOp op, boolean available) {
        if (!available) {
            throw unsupported(i, "a bit count without the CPU's " + op.name().toLowerCase(java.util.Locale.ROOT));
        }
        emit(new BitCount(op, width(resultType(i)), vregs[i.result(0)], reg(i.operand(0))));
    }

    private void extend(Instruction i, Width from, Width to, boolean signed) {
        emit(new Extend(from, to, signed, vregs[i.result(0)], reg(i.operand(0))));
    }

    private void select(Instruction i) {
        int dst = vregs[i.result(0)];
        Comparison c = condition(i.operand(0));
        int[] compared = conditionRegs(i.operand(0));
        RegClass cls = m.regClass(dst);
        emit(new Move(cls, dst, reg(i.operand(2))));
        if (cls == RegClass.INT) {
            emit(new Select(c, width(resultType(i)), compared, dst, reg(i.operand(1))));
        } else {
            emit(new FloatSelect(c, compared, dst, reg(i.operand(1))));
        }
    }

    private void trapIf(Instruction i) {
        int cond = i.operand(0);
        int context = vregs[contextValue()];
        if (folded[cond] && definitions[cond].opcode() == Opcode.FCMP) {
            Instruction fcmp = definitions[cond];
            emit(new FloatTrapIf(floatComparison(fcmp), i.trapKind(), reg(fcmp.operand(0)), reg(fcmp.operand(1)), context));
        } else {
            emit(new TrapIf(condition(cond), i.trapKind(), conditionRegs(cond), context));
        }
    }

    // ---------------------------------------------------------------- floats

    private void floatBinary(Instruction i, SseOp single, SseOp dual) {
        int dst = vregs[i.result(0)];
        emit(new Move(RegClass.FLOAT, dst, reg(i.operand(0))));
        emit(new FloatBinary(resultType(i) == Type.F32 ? single : dual, dst, reg(i.operand(1))));
    }

    private void minMax(Instruction i) {
        int dst = vregs[i.result(0)];
        emit(new Move(RegClass.FLOAT, dst, reg(i.operand(0))));
        emit(new FloatMinMax(i.opcode() == Opcode.FMAX, width(resultType(i)), dst, reg(i.operand(1))));
    }

    /** {@code abs} ANDs the sign bit away, {@code neg} XORs it. */
    private void signMask(Instruction i, SseOp op, boolean signBit) {
        int dst = vregs[i.result(0)];
        emit(new Move(RegClass.FLOAT, dst, reg(i.operand(0))));
        long sign = resultType(i) == Type.F32 ? 0x8000_0000L : Long.MIN_VALUE;
        long magnitude = resultType(i) == Type.F32 ? 0x7fff_ffffL : Long.MAX_VALUE;
        emit(new FloatBinary(op, dst, signBit ? sign : magnitude, 0));
    }

    /** {@code dst = (x & magnitude) | (y & sign)}. */
    private void copySign(Instruction i) {
        int dst = vregs[i.result(0)];
        long sign = resultType(i) == Type.F32 ? 0x8000_0000L : Long.MIN_VALUE;
        long magnitude = resultType(i) == Type.F32 ? 0x7fff_ffffL : Long.MAX_VALUE;
        int signOfY = m.newVirtual(RegClass.FLOAT);
        emit(new Move(RegClass.FLOAT, signOfY, reg(i.operand(1))));
        emit(new FloatBinary(SseOp.ANDPS, signOfY, sign, 0));
        emit(new Move(RegClass.FLOAT, dst, reg(i.operand(0))));
        emit(new FloatBinary(SseOp.ANDPS, dst, magnitude, 0));
        emit(new FloatBinary(SseOp.ORPS, dst, signOfY));
    }

    private void floatUnary(Instruction i, FloatUnary.Op single, FloatUnary.Op dual, boolean rounding) {
        if (rounding && !cpu.sse41()) {
            throw unsupported(i, "rounding without the CPU's SSE4.1");
        }
        emit(new FloatUnary(resultType(i) == Type.F32 ? single : dual, vregs[i.result(0)], reg(i.operand(0))));
    }

    private void intToFloat(Instruction i, boolean signed) {
        Width from = width(ssa.type(i.operand(0)));
        int tmp = IntToFloat.needsTemp(signed, from) ? m.newVirtual(RegClass.INT) : -1;
        emit(new IntToFloat(signed, from, width(resultType(i)), vregs[i.result(0)], reg(i.operand(0)), tmp));
    }

    private void floatToInt(Instruction i, boolean signed, boolean saturating) {
        Width to = width(resultType(i));
        int tmp = FloatToInt.needsTemp(signed, to) ? m.newVirtual(RegClass.FLOAT) : -1;
        emit(new FloatToInt(signed, saturating, width(ssa.type(i.operand(0))), to, vregs[i.result(0)],
                reg(i.operand(0)), tmp));
    }

    private FloatComparison floatComparison(Instruction fcmp) {
        return new FloatComparison(fcmp.floatCondition(), width(ssa.type(fcmp.operand(0))));
    }

    // ---------------------------------------------------------------- compares

    /** The compare that tests condition value {@code cond}: its fused {@code icmp}, or "is non-zero". */
    private Comparison condition(int cond) {
        return folded[cond] ? comparison(definitions[cond]) : Comparison.nonZero(Width.W32);
    }

    /** The registers {@link #condition} compares. */
    private int[] conditionRegs(int cond) {
        return folded[cond] ? compared(definitions[cond]) : new int[] {reg(cond)};
    }

    /** The compare of an {@code icmp}, with its second operand as an immediate where it fits. */
    private Comparison comparison(Instruction icmp) {
        if (byteEnds.containsKey(icmp)) {
            return Comparison.registers(Condition.AE, Width.W64);
        }
        IntCondition cc = icmp.intCondition();
        Width w = width(ssa.type(icmp.operand(0)));
        if (imm32(icmp.operand(1)) != null) {
            return Comparison.immediate(condition(cc), w, imm32(icmp.operand(1)));
        }
        if (imm32(icmp.operand(0)) != null) {
            return Comparison.immediate(condition(swapped(cc)), w, imm32(icmp.operand(0)));
        }
        return Comparison.registers(condition(cc), w);
    }

    /** The registers {@link #comparison} reads, in its order. */
    private int[] compared(Instruction icmp) {
        Integer address = byteEnds.get(icmp);
        if (address != null) {
            return new int[] {reg(address), reg(icmp.operand(1))};
        }
        if (imm32(icmp.operand(1)) != null) {
            return new int[] {reg(icmp.operand(0))};
        }
        if (imm32(icmp.operand(0)) != null) {
            return new int[] {reg(icmp.operand(1))};
        }
        return new int[] {reg(icmp.operand(0)), reg(icmp.operand(1))};
    }

    private static Condition condition(IntCondition cc) {
        return switch (cc) {
            case EQ -> Condition.E;
            case NE -> Condition.NE;
            case LT_S -> Condition.L;
            case LT_U -> Condition.B;
            case GT_S -> Condition.G;
            case GT_U -> Condition.A;
            case LE_S -> Condition.LE;
            case LE_U -> Condition.BE;
            case GE_S -> Condition.GE;
            case GE_U -> Condition.AE;
        };
    }

    /** The condition with its operands swapped: {@code a < b} is {@code b > a}. */
    private static IntCondition swapped(IntCondition cc) {
        return switch (cc) {
            case EQ, NE -> cc;
            case LT_S -> IntCondition.GT_S;
            case LT_U -> IntCondition.GT_U;
            case GT_S -> IntCondition.LT_S;
            case GT_U -> IntCondition.LT_U;
            case LE_S -> IntCondition.GE_S;
            case LE_U -> IntCondition.GE_U;
            case GE_S -> IntCondition.LE_S;
            case GE_U -> IntCondition.LE_U;
        };
    }

    // ---------------------------------------------------------------- memory and the module context

    /** The address of an access: {@code [base + index + offset]}, with its registers. */
    private record Place(Address address, int[] regs) {}

    private Place place(Instruction access) {
        int base = access.operand(0);
        long offset = access.immediate();
        int[] regs;
        boolean indexed = folded[base];
        if (indexed) {
            Instruction add = definitions[base];
            regs = new int[] {reg(add.operand(0)), reg(add.operand(1))};
        } else {
            regs = new int[] {reg(base)};
        }
        if (offset != (int) offset) {
            int sum = m.newVirtual(RegClass.INT);
            emit(new IntConst(sum, offset));
            for (int r : regs) {
                emit(new IntBinary(IntOp.ADD, Width.W64, sum, r));
            }
            return new Place(new Address(false, 0), new int[] {sum});
        }
        return new Place(new Address(indexed, (int) offset), regs);
    }

    private void load(Instruction i) {
        Type type = resultType(i);
        Load.Kind kind = switch (i.opcode()) {
            case ULOAD8 -> Load.Kind.U8_32;
            case SLOAD8 -> type == Type.I32 ? Load.Kind.S8_32 : Load.Kind.S8_64;
            case ULOAD16 -> Load.Kind.U16_32;
            case SLOAD16 -> type == Type.I32 ? Load.Kind.S16_32 : Load.Kind.S16_64;
            case ULOAD32 -> Load.Kind.U32;
            case SLOAD32 -> Load.Kind.S32_64;
            default -> switch (type) {
                case I32 -> Load.Kind.U32;
                case I64 -> Load.Kind.I64;
                case F32 -> Load.Kind.F32;
                case F64 -> Load.Kind.F64;
                case V128 -> throw unsupported(i, "v128 loads");
            };
        };
        Place p = place(i);
        emit(new Load(kind, vregs[i.result(0)], p.address(), p.regs()));
    }

    private void store(Instruction i) {
        Type type = ssa.type(i.operand(1));
        Width w = switch (i.opcode()) {
            case ISTORE8 -> Width.W8;
            case ISTORE16 -> Width.W16;
            case ISTORE32 -> Width.W32;
            default -> width(type);
        };
        Place p = place(i);
        emit(new Store(w, type.isFloat(), p.address(), p.regs(), reg(i.operand(1))));
    }

    private void memoryField(Instruction i, long field) {
        int descriptor = m.newVirtual(RegClass.INT);
        int moduleContext = reg(i.operand(0));
        emit(new Load(Load.Kind.I64, descriptor, new Address(false, module.memoryPointer((int) i.immediate())),
                new int[] {moduleContext}));
        emit(new Load(Load.Kind.I64, vregs[i.result(0)], new Address(false, (int) field), new int[] {descriptor}));
    }

    /** The register and offset of global {@code index}'s cell. */
    private Place cell(int moduleContext, int index) {
        int offset = module.globalOffset(index);
        if (!module.isImportedGlobal(index)) {
            return new Place(new Address(false, offset), new int[] {moduleContext});
        }
        int pointer = m.newVirtual(RegClass.INT);
        emit(new Load(Load.Kind.I64, pointer, new Address(false, offset), new int[] {moduleContext}));
        return new Place(new Address(false, 0), new int[] {pointer});
    }

    private void globalGet(Instruction i) {
        Load.Kind kind = switch (resultType(i)) {
            case I32 -> Load.Kind.U32;
            case I64 -> Load.Kind.I64;
            case F32 -> Load.Kind.F32;
            case F64 -> Load.Kind.F64;
            case V128 -> throw unsupported(i, "v128 globals");
        };
        Place p = cell(reg(i.operand(0)), (int) i.immediate());
        emit(new Load(kind, vregs[i.result(0)], p.address(), p.regs()));
    }

    private void globalSet(Instruction i) {
        Type type = ssa.type(i.operand(1));
        Place p = cell(reg(i.operand(0)), (int) i.immediate());
        emit(new Store(type.isFloat() ? width(type) : Width.W64, type.isFloat(), p.address(), p.regs(),
                reg(i.operand(1))));
    }

    // ---------------------------------------------------------------- calls

    /**
     * {@code call fnN(ctx, mctx, args)} or {@code call_indirect address(ctx, mctx, args)}: the
     * contexts to RAX and RBX, the arguments where the callee's layout puts them.
     */
    private void call(Instruction i) {
        boolean indirect = i.opcode() == Opcode.CALL_INDIRECT;
        int first = indirect ? 1 : 0;
        int address = indirect ? reg(i.operand(0)) : -1;
        if (indirect) {
            // Which instance calls, for a host function the callee may turn out to be.
            emit(new Store(Width.W64, false, new Address(false, ContextLayout.CALLER_CONTEXT),
                    new int[] {reg(i.operand(first))}, vregs[ssa.entry().param(1)]));
        }
        int[] arguments = new int[i.operandCount() - first - 2];
        for (int k = 0; k < arguments.length; k++) {
            arguments[k] = i.operand(first + 2 + k);
        }
        callWith(i, arguments, () -> reg(i.operand(first + 1)), reg(i.operand(first)), address,
                indirect ? null : new Call.Target((int) i.immediate()));
    }

    /**
     * {@code call_exit code(ctx, mctx, values)}: the exit's host function, through its trampoline
     * ({@link ExitCalls}): the module context and the values are its arguments, RBX its id.
     */
    private void callExit(Instruction i) {
        ExitCode exit = i.exitCode();
        int address = m.newVirtual(RegClass.INT);
        emit(new IntConst(address, exits.trampoline(exit)));
        int[] arguments = new int[i.operandCount() - 1];
        for (int k = 0; k < arguments.length; k++) {
            arguments[k] = i.operand(1 + k);
        }
        callWith(i, arguments, () -> {
            int id = m.newVirtual(RegClass.INT);
            emit(new IntConst(id, exits.hostId(exit) & 0xffff_ffffL));
            return id;
        }, reg(i.operand(0)), address, null);
    }

    /**
     * A call: {@code arguments} (SSA values) into the layout's registers and outgoing area, the
     * value {@code rbx} makes into RBX (a module context, or a host id), {@code context} into RAX,
     * the call (direct to {@code target}, else to the register {@code address}), then the results.
     */
    private void callWith(Instruction i, int[] arguments, java.util.function.IntSupplier rbx, int context, int address,
                          Call.Target target) {
        List<Type> argumentTypes = new ArrayList<>();
        for (int a : arguments) {
            argumentTypes.add(ssa.type(a));
        }
        List<Type> resultTypes = new ArrayList<>();
        for (int r = 0; r < i.resultCount(); r++) {
            resultTypes.add(ssa.type(i.result(r)));
        }
        CallLayout layout = layoutOf(argumentTypes, resultTypes);
        m.reserveOutgoingArea(layout.stackAreaSize());
        List<Integer> uses = new ArrayList<>();
        for (int k = 0; k < layout.params.size(); k++) {
            CallLayout.Location p = layout.params.get(k);
            int value = reg(arguments[k]);
            RegClass cls = classOf(argumentTypes.get(k));
            if (p.register() == null) {
                emit(FrameMove.store(cls, new FrameSlot(FrameSlot.Base.OUTGOING, p.stackOffset()), value));
            } else {
                uses.add(moveTo(cls, p.register(), value));
            }
        }
        uses.add(moveTo(RegClass.INT, Abi.MODULE_CTX, rbx.getAsInt()));
        uses.add(moveTo(RegClass.INT, Abi.EXEC_CTX, context));

        int[] defs = layout.results.stream().filter(r -> r.register() != null).mapToInt(r -> Reg.of(r.register())).toArray();
        long clobbers = CALLER_SAVED;
        for (int d : defs) {
            clobbers &= ~Reg.bit(d);
        }
        int[] useRegs = uses.stream().mapToInt(Integer::intValue).toArray();
        emit(target == null ? new Call(address, useRegs, defs, clobbers) : new Call(target, useRegs, defs, clobbers));

        for (int k = 0; k < layout.results.size(); k++) {
            CallLayout.Location r = layout.results.get(k);
            int dst = vregs[i.result(k)];
            RegClass cls = classOf(resultTypes.get(k));
            if (r.register() == null) {
                emit(FrameMove.load(cls, dst, new FrameSlot(FrameSlot.Base.OUTGOING, layout.paramStackSize + r.stackOffset())));
            } else {
                emit(new Move(cls, dst, Reg.of(r.register())));
            }
        }
    }

    private int moveTo(RegClass cls, Operand register, int value) {
        int physical = Reg.of(register);
        emit(new Move(cls, physical, value));
        return physical;
    }

    private CallLayout layoutOf(List<Type> params, List<Type> results) {
        return new CallLayout(Signatures.of(params, results));
    }


    private static long callerSaved() {
        long all = 0;
        for (int r = 0; r < Reg.PHYSICAL; r++) {
            if (r != Reg.of(Gpr.RSP) && r != Reg.of(Gpr.RBP)) {
                all |= Reg.bit(r);
            }
        }
        return all & ~Reg.mask(Abi.CALLEE_SAVED);
    }

    // ---------------------------------------------------------------- entry, exit, control

    /** This function's own layout: its parameters after the two contexts, its results. */
    private CallLayout ownLayout() {
        List<Type> params = ssa.signature().params();
        return layoutOf(params.subList(2, params.size()), ssa.signature().results());
    }

    private void receiveParameters(Block entry) {
        CallLayout layout = ownLayout();
        emit(new Move(RegClass.INT, vregs[entry.param(0)], Reg.of(Abi.EXEC_CTX)));
        emit(new Move(RegClass.INT, vregs[entry.param(1)], Reg.of(Abi.MODULE_CTX)));
        for (int k = 0; k < layout.params.size(); k++) {
            CallLayout.Location p = layout.params.get(k);
            int dst = vregs[entry.param(k + 2)];
            RegClass cls = m.regClass(dst);
            if (p.register() == null) {
                emit(FrameMove.load(cls, dst, new FrameSlot(FrameSlot.Base.INCOMING, p.stackOffset())));
            } else {
                emit(new Move(cls, dst, Reg.of(p.register())));
            }
        }
    }

    private void ret(Instruction i) {
        CallLayout layout = ownLayout();
        List<Integer> uses = new ArrayList<>();
        for (int k = 0; k < layout.results.size(); k++) {
            CallLayout.Location r = layout.results.get(k);
            int value = reg(i.operand(k));
            RegClass cls = m.regClass(value);
            if (r.register() == null) {
                emit(FrameMove.store(cls, new FrameSlot(FrameSlot.Base.INCOMING,
                        layout.paramStackSize + r.stackOffset()), value));
            } else {
                uses.add(moveTo(cls, r.register(), value));
            }
        }
        emit(new Return(uses.stream().mapToInt(Integer::intValue).toArray()));
    }

    private void jump(Instruction i) {
        MachineBlock target = blocks.get(i.target(0));
        passArguments(i, 0);
        emit(new Jump(target));
        current.addSuccessor(target);
    }

    private void brif(Instruction i) {
        int cond = i.operand(0);
        boolean floatCompare = folded[cond] && definitions[cond].opcode() == Opcode.FCMP;
        Comparison c = floatCompare ? null : condition(cond);
        int[] compared = floatCompare ? new int[] {reg(definitions[cond].operand(0)), reg(definitions[cond].operand(1))}
                : conditionRegs(cond);
        MachineBlock from = current;
        MachineBlock taken = edge(i, 0);
        MachineBlock notTaken = edge(i, 1);
        current = from;
        emit(floatCompare ? new FloatBranch(floatComparison(definitions[cond]), compared[0], compared[1], taken, notTaken)
                : new Branch(c, compared, taken, notTaken));
        from.addSuccessor(taken);
        from.addSuccessor(notTaken);
    }

    /** {@code br_table}: one {@link JumpTable}, the table's address computed just before. */
    private void brTable(Instruction i) {
        int cases = i.targetCount() - 1;
        MachineBlock from = current;
        int index = reg(i.operand(0));
        MachineBlock fallback = edge(i, 0);
        List<MachineBlock> targets = new ArrayList<>();
        for (int t = 1; t <= cases; t++) {
            targets.add(edge(i, t));
        }
        current = from;
        if (cases == 0) {
            emit(new Jump(fallback));
            from.addSuccessor(fallback);
            return;
        }
        int address = m.newVirtual(RegClass.INT);
        JumpTable table = new JumpTable(index, address, fallback, targets);
        emit(new IntConst(address, 0));
        emit(new TableAddress(table, address, index));
        emit(table);
        java.util.Set<MachineBlock> successors = new java.util.LinkedHashSet<>();
        successors.add(fallback);
        successors.addAll(targets);
        for (MachineBlock t : successors) {
            from.addSuccessor(t); // once per block, however many cases go there
        }
    }

    /**
     * Where branch {@code i} goes for target {@code t}: the target itself when no arguments pass,
     * else a new block that moves them and jumps there.
     */
    private MachineBlock edge(Instruction i, int t) {
        MachineBlock target = blocks.get(i.target(t));
        if (i.argumentCount(t) == 0) {
            return target;
        }
        MachineBlock edge = m.newBlock();
        edge.setLoopDepth(Math.min(current.loopDepth(), target.loopDepth()));
        current = edge;
        passArguments(i, t);
        emit(new Jump(target));
        edge.addSuccessor(target);
        return edge;
    }

    /** Moves branch {@code i}'s arguments for target {@code t} into the target's parameters. */
    private void passArguments(Instruction i, int t) {
        Block target = i.target(t);
        int n = i.argumentCount(t);
        boolean overlap = false;
        for (int a = 0; a < n && !overlap; a++) {
            for (int p = 0; p < target.paramCount(); p++) {
                overlap |= i.argument(t, a) == target.param(p);
            }
        }
        int[] sources = new int[n];
        for (int a = 0; a < n; a++) {
            int value = reg(i.argument(t, a));
            if (overlap) {
                int copy = m.newVirtual(m.regClass(value));
                emit(new Move(m.regClass(value), copy, value));
                value = copy;
            }
            sources[a] = value;
        }
        for (int a = 0; a < n; a++) {
            int param = vregs[target.param(a)];
            emit(new Move(m.regClass(param), param, sources[a]));
        }
    }
}
