package dev.kiln.internal.nativecode;

import static dev.kiln.internal.nativecode.ContextLayout.*;

import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Width;
import dev.kiln.internal.compiler.amd64.Xmm;

/**
 * How Java enters native code: one FFM downcall (never a critical one: native code may run
 * long, and a critical downcall would hold off GC safepoints meanwhile).
 *
 * <p>The downcall goes to a one-instruction thunk, the same for every signature, which jumps to
 * the signature's entry stub: {@code long enter(long context, long stub, long target, long
 * moduleContext)}, SysV arguments in RDI, RSI, RDX, RCX. The thunk lets one {@code static final}
 * downcall handle, bound to a constant address, reach every stub (and one more, through the
 * register form's thunk, every register-form stub); HotSpot inlines such a handle, and not one
 * that takes its target as an argument (bench/README.md has the figure).
 *
 * <p><b>Entry stub</b>, one per signature:
 * <pre>
 *   save RBX RBP R12..R15 and RSP (the Java caller's) in the context
 *   RSP = context.entryRsp                   Wasm stack while the target runs:
 *   R12 = RAX = context; RBX = module ctx;     +------------------------+ entryRsp (16-aligned)
 *   R13 = target; R14 = context.slotsAddress   | stack results          |
 *   sub rsp, stackAreaSize                     | stack parameters       |
 *   copy stack parameters (via R15 / XMM15)    +------------------------+ RSP at the call
 *   load register parameters                   | return into the stub   |
 *   RBP = 0 (the saved-RBP chain ends here)    | target's frames ...    |
 *   call R13
 *   R14 = context.slotsAddress (again: a nested call may have replaced the slot array)
 *   store register results, copy stack results
 *   RAX = 0; restore Java's registers and RSP from the context; ret (the exit code reads
 *   RETURNED already: Java puts it back after every exit it serves)
 * </pre>
 * R12 (the context) survives the call because it is callee-saved under {@link Abi}.
 *
 * <p><b>Register-form entry stub</b>, one per signature with at most four parameters and one
 * result, none v128 ({@link CallLayout#registerForm}): the parameters arrive as downcall
 * arguments and the result leaves in RAX, each in slot form, so neither Java nor the stub
 * touches the slot array. {@code long enter(long context, long record, long p0, long p1, long
 * p2, long p3)} (parameters past the signature's are ignored) goes to a second thunk,
 * {@code jmp [rsi]}, which reaches the stub through the function's record
 * ({@link NativeFunction}); everything is in registers:
 * <pre>
 *   SysV arguments                              internal ABI, at the call
 *     RDI context   RSI record                    RAX = R12 = context, RBX = module context
 *     RDX p0   RCX p1   R8 p2   R9 p3             integer parameters in RCX RDI RSI R8,
 *                                                 float ones in XMM0..XMM3 (movd / movq)
 *   save RBX RBP R12..R15 and RSP in the context
 *   R12 = context; R13 = record.target; RBX = record.moduleContext
 *   move p1, p0, p2, p3 into their registers, in that order: p0 may land in RCX, where
 *     p1 waits, and p3 in R8, where p2 waits
 *   RSP = context.entryRsp; RAX = context; RBP = 0; call R13
 *   RAX = the result in slot form (an i32 zero-extended, a float's bits), or 0
 *   restore Java's registers and RSP from the context; ret
 * </pre>
 * An exit returns {@link Exits#EXITED} in RAX instead; a result equal to it is told apart by
 * the exit code, which reads RETURNED.
 *
 * <p><b>Re-entry stub</b> (one per JVM): {@code long reenter(long context)} saves the Java
 * caller's registers the same way, then loads RAX = context and RSP, RBP from the exit state,
 * and jumps to the saved resume address.
 */
final class EntryStubs {

    private EntryStubs() {}

    /** {@code jmp rsi}: on to the entry stub passed as the second argument. */
    static byte[] emitThunk() {
        Assembler a = new Assembler();
        a.jmp(Gpr.RSI);
        return a.finish();
    }

    /** {@code jmp [rsi]}: on to the register-form entry stub of the record passed as the second argument. */
    static byte[] emitRecordThunk() {
        Assembler a = new Assembler();
        a.jmp(Mem.of(Gpr.RSI, NativeFunction.RECORD_STUB));
        return a.finish();
    }

    static byte[] emitEntry(CallLayout layout) {
        Assembler a = new Assembler();
        Exits.saveJavaState(a);
        a.mov(Width.W64, Gpr.RSP, Mem.of(Gpr.RDI, ENTRY_RSP));
        a.mov(Width.W64, Gpr.R12, Gpr.RDI);
        a.mov(Width.W64, Abi.EXEC_CTX, Gpr.RDI);
        a.mov(Width.W64, Abi.MODULE_CTX, Gpr.RCX);
        a.mov(Width.W64, Gpr.R13, Gpr.RDX);
        a.mov(Width.W64, Gpr.R14, Mem.of(Gpr.RDI, SLOTS_ADDRESS));
        if (layout.stackAreaSize() > 0) {
            a.alu(AluOp.SUB, Width.W64, Gpr.RSP, new Imm(layout.stackAreaSize()));
        }
        for (CallLayout.Location p : layout.params) {
            if (p.onStack()) {
                Operand scratch = ValueMoves.isInteger(p.type()) ? Gpr.R15 : Xmm.XMM15;
                ValueMoves.load(a, p.type(), scratch, Mem.of(Gpr.R14, p.slotOffset()));
                ValueMoves.store(a, p.type(), Mem.of(Gpr.RSP, p.stackOffset()), scratch);
            }
        }
        for (CallLayout.Location p : layout.params) {
            if (!p.onStack()) {
                ValueMoves.load(a, p.type(), p.register(), Mem.of(Gpr.R14, p.slotOffset()));
            }
        }
        a.alu(AluOp.XOR, Width.W32, Gpr.RBP, Gpr.RBP);
        a.call(Gpr.R13);
        a.mov(Width.W64, Gpr.R14, Mem.of(Gpr.R12, SLOTS_ADDRESS));
        for (CallLayout.Location r : layout.results) {
            if (r.onStack()) {
                Operand scratch = ValueMoves.isInteger(r.type()) ? Gpr.R15 : Xmm.XMM15;
                ValueMoves.load(a, r.type(), scratch, Mem.of(Gpr.RSP, layout.paramStackSize + r.stackOffset()));
                ValueMoves.store(a, r.type(), Mem.of(Gpr.R14, r.slotOffset()), scratch);
            } else {
                ValueMoves.store(a, r.type(), Mem.of(Gpr.R14, r.slotOffset()), r.register());
            }
        }
        a.alu(AluOp.XOR, Width.W32, Gpr.RAX, Gpr.RAX);
        returnNormally(a);
        return a.finish();
    }

    /** The SysV argument registers of a register-form entry's parameters p0..p3. */
    private static final Gpr[] REGISTER_ENTRY_SOURCES = {Gpr.RDX, Gpr.RCX, Gpr.R8, Gpr.R9};
    /** The order that reads every source before a parameter lands on it (see the class comment). */
    private static final int[] REGISTER_ENTRY_ORDER = {1, 0, 2, 3};

    static byte[] emitRegisterEntry(CallLayout layout) {
        if (!layout.registerForm) {
            throw new IllegalArgumentException(layout.type + " has no register form");
        }
        Assembler a = new Assembler();
        Exits.saveJavaState(a);
        a.mov(Width.W64, Gpr.R12, Gpr.RDI);
        a.mov(Width.W64, Gpr.R13, Mem.of(Gpr.RSI, NativeFunction.RECORD_TARGET));
        a.mov(Width.W64, Abi.MODULE_CTX, Mem.of(Gpr.RSI, NativeFunction.RECORD_MODULE_CONTEXT));
        java.util.Set<Operand> pending = new java.util.HashSet<>();
        for (int i = 0; i < layout.params.size(); i++) {
            pending.add(REGISTER_ENTRY_SOURCES[i]);
        }
        for (int i : REGISTER_ENTRY_ORDER) {
            if (i < layout.params.size()) {
                CallLayout.Location p = layout.params.get(i);
                pending.remove(REGISTER_ENTRY_SOURCES[i]);
                if (pending.contains(p.register())) {
                    throw new IllegalStateException("parameter " + i + " of " + layout.type + " would overwrite "
                            + p.register() + " before it is read");
                }
                moveIn(a, p.type(), p.register(), REGISTER_ENTRY_SOURCES[i]);
            }
        }
        a.mov(Width.W64, Gpr.RSP, Mem.of(Gpr.R12, ENTRY_RSP));
        a.mov(Width.W64, Abi.EXEC_CTX, Gpr.R12);
        a.alu(AluOp.XOR, Width.W32, Gpr.RBP, Gpr.RBP);
        a.call(Gpr.R13);
        if (layout.results.isEmpty()) {
            a.alu(AluOp.XOR, Width.W32, Gpr.RAX, Gpr.RAX);
        } else {
            CallLayout.Location r = layout.results.get(0);
            moveOut(a, r.type(), r.register());
        }
        returnNormally(a);
        return a.finish();
    }

    /** A parameter in slot form from {@code from} into its register under {@link Abi}. */
    private static void moveIn(Assembler a, ValueType type, Operand to, Gpr from) {
        switch (type) {
            case I32 -> a.mov(Width.W32, to, from); // zero-extends, as a slot load does
            case I64, FUNCREF, EXTERNREF -> a.mov(Width.W64, to, from);
            case F32 -> a.movd(to, from);
            case F64 -> a.movq(to, from);
            case V128 -> throw new IllegalArgumentException("v128 has no register form");
        }
    }

    /** The result from its register under {@link Abi} into RAX, in slot form. */
    private static void moveOut(Assembler a, ValueType type, Operand from) {
        switch (type) {
            case I32 -> a.mov(Width.W32, Gpr.RAX, from);
            case I64, FUNCREF, EXTERNREF -> {
                if (from != Gpr.RAX) {
                    a.mov(Width.W64, Gpr.RAX, from);
                }
            }
            case F32 -> a.movd(Gpr.RAX, from); // a 32-bit move to a general register zero-extends
            case F64 -> a.movq(Gpr.RAX, from);
            case V128 -> throw new IllegalArgumentException("v128 has no register form");
        }
    }

    /**
     * Goes back to the Java caller with RAX as it is; the context in R12. The exit code needs no
     * store: it reads RETURNED whenever native code runs (see ExecutionContext's dispatch loop).
     */
    private static void returnNormally(Assembler a) {
        a.mov(Width.W64, Gpr.RDI, Gpr.R12);
        Exits.restoreJavaState(a, Gpr.RDI);
        a.ret();
    }

    static byte[] emitReentry() {
        Assembler a = new Assembler();
        Exits.saveJavaState(a);
        a.mov(Width.W64, Abi.EXEC_CTX, Gpr.RDI);
        a.mov(Width.W64, Gpr.RSP, Mem.of(Gpr.RAX, WASM_RSP));
        a.mov(Width.W64, Gpr.RBP, Mem.of(Gpr.RAX, WASM_RBP));
        a.jmp(Mem.of(Gpr.RAX, WASM_RESUME));
        return a.finish();
    }
}
