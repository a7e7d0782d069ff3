package dev.kiln.internal.interpreter;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;
import static java.lang.Float.floatToRawIntBits;
import static java.lang.Float.intBitsToFloat;

import dev.kiln.FunctionType;
import dev.kiln.TrapException;
import dev.kiln.TrapKind;
import dev.kiln.internal.runtime.FunctionInstance;
import dev.kiln.internal.runtime.Interruptible;
import dev.kiln.internal.runtime.MemoryInstance;
import dev.kiln.internal.runtime.ModuleInstance;
import dev.kiln.internal.runtime.TableInstance;
import dev.kiln.internal.runtime.Trap;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The dispatch loop. One {@link #execute} per entry from Java runs every WebAssembly call made
 * below it by pushing frames onto the thread's {@link CallStack}; only calls out to host
 * functions (which may re-enter) nest Java frames.
 *
 * <p>The loop is written for HotSpot. {@link #execute} must stay well below the 8000 bytes of
 * bytecode above which the JIT refuses to compile a method, and every instruction it holds
 * adds to the time the JIT takes to recompile it after a deoptimization (a new opcode seen, a
 * branch taken for the first time): so only frequent instructions are here, the rest run in
 * {@link NumericOps} and {@link ColdOps}, and arithmetic that is more than an operator lives
 * in {@link Numerics} (small static methods the JIT inlines). The memory's segment sits in a
 * local, refreshed after anything that may replace it (a call, a grow).
 *
 * <p>The loop's graph is larger than C2's inlining cutoff, past which the cases it parses call
 * their helpers instead of inlining them ({@link Opcodes} gives the order). So the cases whose
 * helpers must be inlined are parsed first, the numeric cases call nothing but the JDK's
 * intrinsics (expanded, not inlined, cutoff or not) and {@link Numerics}' division and
 * truncation helpers, and all taken branches share one tail and read the interruption flag as
 * a field.
 */
final class Interpreter {

    private Interpreter() {}

    private static final long MASK = 0xFFFFFFFFL;

    /**
     * Calls {@code function} from Java (or a host function): arguments in, results out. The
     * call is marked as running in the function's instance, so {@code interrupt()} reaches it.
     */
    static void invoke(WasmFunction function, long[] stack) {
        CallStack cs = CallStack.current();
        int savedFrames = cs.frames;
        int savedTop = cs.top;
        int savedEntryFrames = cs.entryFrames;
        int savedFrameLimit = cs.frameLimit;
        boolean outermost = cs.entries == 0;
        ModuleInstance instance = function.instance();
        if (outermost) {
            // Before enter publishes cs: an interrupt() that sees the call running must not be
            // cleared by it (it was, under load, and the call then ran on forever).
            cs.clearInterrupt();
        }
        Interruptible previous = instance.enter(cs);
        cs.entries++;
        try {
            if (cs.frames >= function.maxCallDepth()) {
                throw StackTraces.trap(TrapKind.STACK_OVERFLOW, cs, null, 0);
            }
            FunctionCode code = function.code();
            if (cs.interrupted) {
                // Stopped before its first instruction: the trace names the function, at its
                // first instruction (pc 4 is just past it), as the compiler's entry poll will.
                throw StackTraces.trap(TrapKind.INTERRUPTED, cs, function, 4);
            }
            int fp = cs.top;
            long[] s;
            try {
                s = cs.ensureSlots(fp + Math.max(code.frameSlots(), code.paramSlots()));
            } catch (Trap trap) {
                throw StackTraces.trap(trap.kind(), cs, null, 0);
            }
            System.arraycopy(stack, 0, s, fp, code.paramSlots());
            long[] init = code.frameInit();
            System.arraycopy(init, 0, s, fp + code.paramSlots(), init.length);
            cs.entryFrames = cs.frames;
            cs.frameLimit = function.maxCallDepth() - 1;
            execute(cs, function, fp);
            System.arraycopy(cs.slots, fp, stack, 0, code.resultSlots());
        } catch (StackOverflowError e) {
            // Host-to-Wasm re-entries nest Java frames; if they exhaust the Java stack before
            // the call-depth limit, the outermost entry reports it as the trap it is.
            if (!outermost) {
                throw e;
            }
            throw new TrapException(TrapKind.STACK_OVERFLOW, List.of());
        } finally {
            cs.unwind(savedFrames, savedTop);
            cs.entryFrames = savedEntryFrames;
            cs.frameLimit = savedFrameLimit;
            cs.entries--;
            instance.leave(previous);
            if (outermost) {
                cs.trim();
            }
        }
    }

    @SuppressWarnings("fallthrough")
    private static void execute(CallStack cs, WasmFunction entry, int entryFp) {
        // Few locals on purpose: every one of them is live across the whole loop, so each adds
        // register pressure and state to every deoptimization point the JIT compiles.
        WasmFunction fn = entry;
        int[] code = fn.code().code();
        long[] s = cs.slots;
        int fp = entryFp;
        int pc = 0;
        ModuleInstance inst = fn.instance();
        MemorySegment mem = fn.memory().segment();
        try {
            while (true) {
                int op = code[pc];
                int a = code[pc + 1];
                int b = code[pc + 2];
                int c = code[pc + 3];
                pc += 4;
                switch (op) {
                    case Opcodes.UNREACHABLE:
                        throw new Trap(TrapKind.UNREACHABLE);
                    case Opcodes.BR:
                        break;
                    case Opcodes.BR_NEZ:
                        if ((int) s[fp + a] == 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_EQZ:
                        if ((int) s[fp + a] != 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_EQ:
                        if ((int) s[fp + a] != (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_NE:
                        if ((int) s[fp + a] == (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_LT_S:
                        if ((int) s[fp + a] >= (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_LT_U:
                        if (Integer.compareUnsigned((int) s[fp + a], (int) s[fp + b]) >= 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_GT_S:
                        if ((int) s[fp + a] <= (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_GT_U:
                        if (Integer.compareUnsigned((int) s[fp + a], (int) s[fp + b]) <= 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_LE_S:
                        if ((int) s[fp + a] > (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_LE_U:
                        if (Integer.compareUnsigned((int) s[fp + a], (int) s[fp + b]) > 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_GE_S:
                        if ((int) s[fp + a] < (int) s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I32_GE_U:
                        if (Integer.compareUnsigned((int) s[fp + a], (int) s[fp + b]) < 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_NEZ:
                        if (s[fp + a] == 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_EQZ:
                        if (s[fp + a] != 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_EQ:
                        if (s[fp + a] != s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_NE:
                        if (s[fp + a] == s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_LT_S:
                        if (s[fp + a] >= s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_LT_U:
                        if (Long.compareUnsigned(s[fp + a], s[fp + b]) >= 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_GT_S:
                        if (s[fp + a] <= s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_GT_U:
                        if (Long.compareUnsigned(s[fp + a], s[fp + b]) <= 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_LE_S:
                        if (s[fp + a] > s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_LE_U:
                        if (Long.compareUnsigned(s[fp + a], s[fp + b]) > 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_GE_S:
                        if (s[fp + a] < s[fp + b]) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_I64_GE_U:
                        if (Long.compareUnsigned(s[fp + a], s[fp + b]) < 0) {
                            continue;
                        }
                        break;
                    case Opcodes.BR_TABLE: {
                        int index = (int) s[fp + a];
                        c = code[pc + (Integer.compareUnsigned(index, b) < 0 ? index : b)];
                        break;
                    }
                    case Opcodes.RETURN1:
                        s[fp] = s[fp + a];
                        // fall through
                    case Opcodes.RETURN: {
                        int frame = cs.frames - 1;
                        if (frame < cs.entryFrames) {
                            return;
                        }
                        WasmFunction caller = cs.functions[frame];
                        cs.functions[frame] = null;
                        cs.frames = frame;
                        pc = cs.returnPcs[frame];
                        fp = cs.framePointers[frame];
                        fn = caller;
                        inst = caller.instance();
                        mem = caller.memory().segment();
                        code = caller.code().code();
                        continue;
                    }
                    case Opcodes.CALL:
                    case Opcodes.CALL_INDIRECT: {
                        FunctionInstance target;
                        if (op == Opcodes.CALL) {
                            target = inst.functions[a];
                        } else {
                            target = indirectTarget(inst, (int) s[fp + a], code[c], code[c + 1]);
                            pc += 4;
                        }
                        if (target instanceof WasmFunction callee) {
                            if (cs.frames >= cs.frameLimit || cs.interrupted) {
                                throw new Trap(cs.interrupted ? TrapKind.INTERRUPTED : TrapKind.STACK_OVERFLOW);
                            }
                            FunctionCode calleeCode = callee.code();
                            int calleeFp = fp + b;
                            if (calleeFp + calleeCode.frameSlots() > s.length) {
                                s = cs.ensureSlots(calleeFp + calleeCode.frameSlots());
                            }
                            cs.push(fn, pc, fp);
                            long[] init = calleeCode.frameInit();
                            System.arraycopy(init, 0, s, calleeFp + calleeCode.paramSlots(), init.length);
                            fn = callee;
                            inst = callee.instance();
                            mem = callee.memory().segment();
                            code = calleeCode.code();
                            fp = calleeFp;
                            pc = 0;
                        } else {
                            callOut(cs, fn, pc, fp, target, fp + b, inst);
                            s = cs.slots;
                            mem = fn.memory().segment();
                        }
                        continue;
                    }
                    case Opcodes.MOVE:
                        s[fp + a] = s[fp + b];
                        continue;
                    case Opcodes.MOVE2:
                        s[fp + a] = s[fp + b];
                        s[fp + a + 1] = s[fp + b + 1];
                        continue;
                    case Opcodes.CONST:
                        s[fp + a] = (b & MASK) | ((long) c << 32);
                        continue;
                    case Opcodes.SELECT:
                        if ((int) s[fp + c] == 0) {
                            s[fp + a] = s[fp + b];
                        }
                        continue;
                    case Opcodes.SELECT2:
                        if ((int) s[fp + c] == 0) {
                            s[fp + a] = s[fp + b];
                            s[fp + a + 1] = s[fp + b + 1];
                        }
                        continue;
                    case Opcodes.GLOBAL_GET:
                        s[fp + a] = inst.globals[b].get();
                        continue;
                    case Opcodes.GLOBAL_SET:
                        inst.globals[a].set(s[fp + b]);
                        continue;
                    case Opcodes.GLOBAL_GET2:
                        s[fp + a] = inst.globals[b].get();
                        s[fp + a + 1] = inst.globals[b].high();
                        continue;
                    case Opcodes.GLOBAL_SET2:
                        inst.globals[a].set(s[fp + b]);
                        inst.globals[a].setHigh(s[fp + b + 1]);
                        continue;
                    // One access site per width (the extension is chosen after the load): each
                    // segment access inlines to a sizeable graph, and fewer sites keep this loop
                    // under the JIT's inlining budget.
                    case Opcodes.I32_LOAD:
                    case Opcodes.I64_LOAD32_S: {
                        long value = MemoryAccess.loadI32(mem, MemoryAccess.effective(s[fp + b], c));
                        s[fp + a] = op == Opcodes.I32_LOAD ? value & MASK : value;
                        continue;
                    }
                    case Opcodes.I64_LOAD:
                        s[fp + a] = MemoryAccess.loadI64(mem, MemoryAccess.effective(s[fp + b], c));
                        continue;
                    case Opcodes.I32_LOAD8_S:
                    case Opcodes.I32_LOAD8_U:
                    case Opcodes.I64_LOAD8_S: {
                        long value = MemoryAccess.loadI8(mem, MemoryAccess.effective(s[fp + b], c));
                        s[fp + a] = op == Opcodes.I64_LOAD8_S ? value : value & (op == Opcodes.I32_LOAD8_U ? 0xFFL : MASK);
                        continue;
                    }
                    case Opcodes.I32_LOAD16_S:
                    case Opcodes.I32_LOAD16_U:
                    case Opcodes.I64_LOAD16_S: {
                        long value = MemoryAccess.loadI16(mem, MemoryAccess.effective(s[fp + b], c));
                        s[fp + a] = op == Opcodes.I64_LOAD16_S ? value : value & (op == Opcodes.I32_LOAD16_U ? 0xFFFFL : MASK);
                        continue;
                    }
                    case Opcodes.I32_STORE:
                        MemoryAccess.storeI32(mem, MemoryAccess.effective(s[fp + a], c), (int) s[fp + b]);
                        continue;
                    case Opcodes.I64_STORE:
                        MemoryAccess.storeI64(mem, MemoryAccess.effective(s[fp + a], c), s[fp + b]);
                        continue;
                    case Opcodes.STORE8:
                        MemoryAccess.storeI8(mem, MemoryAccess.effective(s[fp + a], c), (byte) s[fp + b]);
                        continue;
                    case Opcodes.MEMORY_SIZE:
                        s[fp + a] = mem.byteSize() >>> 16;
                        continue;
                    case Opcodes.MEMORY_GROW:
                        s[fp + a] = fn.memory().grow((int) s[fp + b]) & MASK;
                        mem = fn.memory().segment();
                        continue;
                    case Opcodes.I32_EQZ:
                        s[fp + a] = (int) s[fp + b] == 0 ? 1 : 0;
                        continue;
                    case Opcodes.I32_EQ:
                        s[fp + a] = (int) s[fp + b] == (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_NE:
                        s[fp + a] = (int) s[fp + b] != (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_LT_S:
                        s[fp + a] = (int) s[fp + b] < (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_LT_U:
                        s[fp + a] = Integer.compareUnsigned((int) s[fp + b], (int) s[fp + c]) < 0 ? 1 : 0;
                        continue;
                    case Opcodes.I32_GT_S:
                        s[fp + a] = (int) s[fp + b] > (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_GT_U:
                        s[fp + a] = Integer.compareUnsigned((int) s[fp + b], (int) s[fp + c]) > 0 ? 1 : 0;
                        continue;
                    case Opcodes.I32_LE_S:
                        s[fp + a] = (int) s[fp + b] <= (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_LE_U:
                        s[fp + a] = Integer.compareUnsigned((int) s[fp + b], (int) s[fp + c]) <= 0 ? 1 : 0;
                        continue;
                    case Opcodes.I32_GE_S:
                        s[fp + a] = (int) s[fp + b] >= (int) s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I32_GE_U:
                        s[fp + a] = Integer.compareUnsigned((int) s[fp + b], (int) s[fp + c]) >= 0 ? 1 : 0;
                        continue;
                    case Opcodes.I64_EQZ:
                        s[fp + a] = s[fp + b] == 0 ? 1 : 0;
                        continue;
                    case Opcodes.I64_EQ:
                        s[fp + a] = s[fp + b] == s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_NE:
                        s[fp + a] = s[fp + b] != s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_LT_S:
                        s[fp + a] = s[fp + b] < s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_LT_U:
                        s[fp + a] = Long.compareUnsigned(s[fp + b], s[fp + c]) < 0 ? 1 : 0;
                        continue;
                    case Opcodes.I64_GT_S:
                        s[fp + a] = s[fp + b] > s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_GT_U:
                        s[fp + a] = Long.compareUnsigned(s[fp + b], s[fp + c]) > 0 ? 1 : 0;
                        continue;
                    case Opcodes.I64_LE_S:
                        s[fp + a] = s[fp + b] <= s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_LE_U:
                        s[fp + a] = Long.compareUnsigned(s[fp + b], s[fp + c]) <= 0 ? 1 : 0;
                        continue;
                    case Opcodes.I64_GE_S:
                        s[fp + a] = s[fp + b] >= s[fp + c] ? 1 : 0;
                        continue;
                    case Opcodes.I64_GE_U:
                        s[fp + a] = Long.compareUnsigned(s[fp + b], s[fp + c]) >= 0 ? 1 : 0;
                        continue;
                    case Opcodes.F64_EQ:
                        s[fp + a] = longBitsToDouble(s[fp + b]) == longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.F64_NE:
                        s[fp + a] = longBitsToDouble(s[fp + b]) != longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.F64_LT:
                        s[fp + a] = longBitsToDouble(s[fp + b]) < longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.F64_GT:
                        s[fp + a] = longBitsToDouble(s[fp + b]) > longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.F64_LE:
                        s[fp + a] = longBitsToDouble(s[fp + b]) <= longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.F64_GE:
                        s[fp + a] = longBitsToDouble(s[fp + b]) >= longBitsToDouble(s[fp + c]) ? 1 : 0;
                        continue;
                    case Opcodes.I32_ADD:
                        s[fp + a] = ((int) s[fp + b] + (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_SUB:
                        s[fp + a] = ((int) s[fp + b] - (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_MUL:
                        s[fp + a] = ((int) s[fp + b] * (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_DIV_S:
                        s[fp + a] = Numerics.i32DivS((int) s[fp + b], (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_DIV_U:
                        s[fp + a] = Numerics.i32DivU((int) s[fp + b], (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_REM_S:
                        s[fp + a] = Numerics.i32RemS((int) s[fp + b], (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_REM_U:
                        s[fp + a] = Numerics.i32RemU((int) s[fp + b], (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_AND:
                        s[fp + a] = s[fp + b] & s[fp + c] & MASK;
                        continue;
                    case Opcodes.I32_OR:
                        s[fp + a] = (s[fp + b] | s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_XOR:
                        s[fp + a] = (s[fp + b] ^ s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_SHL:
                        s[fp + a] = ((int) s[fp + b] << (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_SHR_S:
                        s[fp + a] = ((int) s[fp + b] >> (int) s[fp + c]) & MASK;
                        continue;
                    case Opcodes.I32_SHR_U:
                        s[fp + a] = ((int) s[fp + b] >>> (int) s[fp + c]) & MASK;
                        continue;
                    // Rotations as shifts, which C2 turns into one rotate: Integer.rotateLeft is an
                    // ordinary method, not an intrinsic, and these cases are parsed late.
                    case Opcodes.I32_ROTL: {
                        int x = (int) s[fp + b];
                        int n = (int) s[fp + c];
                        s[fp + a] = ((x << n) | (x >>> -n)) & MASK;
                        continue;
                    }
                    case Opcodes.I32_ROTR: {
                        int x = (int) s[fp + b];
                        int n = (int) s[fp + c];
                        s[fp + a] = ((x >>> n) | (x << -n)) & MASK;
                        continue;
                    }
                    case Opcodes.I64_ADD:
                        s[fp + a] = s[fp + b] + s[fp + c];
                        continue;
                    case Opcodes.I64_SUB:
                        s[fp + a] = s[fp + b] - s[fp + c];
                        continue;
                    case Opcodes.I64_MUL:
                        s[fp + a] = s[fp + b] * s[fp + c];
                        continue;
                    case Opcodes.I64_DIV_S:
                        s[fp + a] = Numerics.i64DivS(s[fp + b], s[fp + c]);
                        continue;
                    case Opcodes.I64_DIV_U:
                        s[fp + a] = Numerics.i64DivU(s[fp + b], s[fp + c]);
                        continue;
                    case Opcodes.I64_REM_S:
                        s[fp + a] = Numerics.i64RemS(s[fp + b], s[fp + c]);
                        continue;
                    case Opcodes.I64_REM_U:
                        s[fp + a] = Numerics.i64RemU(s[fp + b], s[fp + c]);
                        continue;
                    case Opcodes.I64_AND:
                        s[fp + a] = s[fp + b] & s[fp + c];
                        continue;
                    case Opcodes.I64_OR:
                        s[fp + a] = s[fp + b] | s[fp + c];
                        continue;
                    case Opcodes.I64_XOR:
                        s[fp + a] = s[fp + b] ^ s[fp + c];
                        continue;
                    case Opcodes.I64_SHL:
                        s[fp + a] = s[fp + b] << (int) s[fp + c];
                        continue;
                    case Opcodes.I64_SHR_S:
                        s[fp + a] = s[fp + b] >> (int) s[fp + c];
                        continue;
                    case Opcodes.I64_SHR_U:
                        s[fp + a] = s[fp + b] >>> (int) s[fp + c];
                        continue;
                    case Opcodes.F64_ABS:
                        s[fp + a] = s[fp + b] & Long.MAX_VALUE;
                        continue;
                    case Opcodes.F64_NEG:
                        s[fp + a] = s[fp + b] ^ Long.MIN_VALUE;
                        continue;
                    case Opcodes.F64_SQRT:
                        s[fp + a] = doubleToRawLongBits(Math.sqrt(longBitsToDouble(s[fp + b])));
                        continue;
                    case Opcodes.F64_ADD:
                        s[fp + a] = doubleToRawLongBits(longBitsToDouble(s[fp + b]) + longBitsToDouble(s[fp + c]));
                        continue;
                    case Opcodes.F64_SUB:
                        s[fp + a] = doubleToRawLongBits(longBitsToDouble(s[fp + b]) - longBitsToDouble(s[fp + c]));
                        continue;
                    case Opcodes.F64_MUL:
                        s[fp + a] = doubleToRawLongBits(longBitsToDouble(s[fp + b]) * longBitsToDouble(s[fp + c]));
                        continue;
                    case Opcodes.F64_DIV:
                        s[fp + a] = doubleToRawLongBits(longBitsToDouble(s[fp + b]) / longBitsToDouble(s[fp + c]));
                        continue;
                    case Opcodes.I32_WRAP_I64:
                        s[fp + a] = s[fp + b] & MASK;
                        continue;
                    case Opcodes.I32_TRUNC_F64_S:
                        s[fp + a] = Numerics.i32TruncS(longBitsToDouble(s[fp + b]));
                        continue;
                    case Opcodes.I64_EXTEND_I32_S:
                        s[fp + a] = (int) s[fp + b];
                        continue;
                    case Opcodes.F32_DEMOTE_F64:
                        s[fp + a] = floatToRawIntBits((float) longBitsToDouble(s[fp + b])) & MASK;
                        continue;
                    case Opcodes.F64_CONVERT_I32_S:
                        s[fp + a] = doubleToRawLongBits((int) s[fp + b]);
                        continue;
                    case Opcodes.F64_CONVERT_I32_U:
                        s[fp + a] = doubleToRawLongBits(s[fp + b] & MASK);
                        continue;
                    case Opcodes.F64_CONVERT_I64_S:
                        s[fp + a] = doubleToRawLongBits(s[fp + b]);
                        continue;
                    case Opcodes.F64_PROMOTE_F32:
                        s[fp + a] = doubleToRawLongBits(intBitsToFloat((int) s[fp + b]));
                        continue;
                    default:
                        if (op < Opcodes.FIRST_COLD_OP) {
                            NumericOps.execute(op, a, b, c, s, fp);
                        } else {
                            ColdOps.execute(op, a, b, c, s, fp, inst);
                        }
                        continue;
                }
                // Only a taken branch gets here, with its target in c: one tail for every branch
                // keeps the loop's graph small. A backward branch closes a loop, so it is where a
                // runaway loop notices an interruption.
                if (c < pc && cs.interrupted) {
                    throw new Trap(TrapKind.INTERRUPTED);
                }
                pc = c;
            }
        } catch (Trap trap) {
            throw StackTraces.trap(trap.kind(), cs, fn, pc);
        }
    }


    /** The function {@code call_indirect} calls: element {@code index} of the table, checked. */
    private static FunctionInstance indirectTarget(ModuleInstance instance, int index, int typeIndex, int tableIndex) {
        TableInstance table = instance.tables[tableIndex];
        Object[] elements = table.elements();
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw new Trap(TrapKind.UNDEFINED_ELEMENT);
        }
        if (!(elements[index] instanceof FunctionInstance function)) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT);
        }
        if (function.typeId != instance.typeIds[typeIndex]) {
            throw new Trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return function;
    }

    /**
     * Calls a function that is not interpreted here (a host function, or another engine's),
     * with the arguments at {@code args}. The caller's frame is saved first so that the call
     * depth and stack traces of a re-entry include it, and re-entries start above it.
     */
    private static void callOut(CallStack cs, WasmFunction caller, int pc, int fp, FunctionInstance target, int args,
                                ModuleInstance instance) {
        FunctionType type = target.type();
        int params = type.paramSlots();
        int results = type.resultSlots();
        long[] stack = cs.hostArray(params, Math.max(params, results));
        System.arraycopy(cs.slots, args, stack, 0, params);
        int savedTop = cs.top;
        cs.push(caller, pc, fp);
        cs.top = fp + caller.code().frameSlots();
        target.call(instance, stack);
        cs.frames--;
        cs.functions[cs.frames] = null;
        cs.top = savedTop;
        long[] slots = cs.ensureSlots(args + results);
        System.arraycopy(stack, 0, slots, args, results);
    }
}
