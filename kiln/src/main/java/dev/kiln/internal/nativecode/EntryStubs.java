package dev.kiln.internal.nativecode;

import static dev.kiln.internal.nativecode.ContextLayout.*;

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
 * the signature's entry stub: {@code int enter(long context, long stub, long target, long
 * moduleContext)}, SysV arguments in RDI, RSI, RDX, RCX. The thunk lets one {@code static final}
 * downcall handle, bound to a constant address, reach every stub; HotSpot inlines such a
 * handle, which saves about 2 ns a call over a handle that takes its target as an argument.
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
 *   EAX = 0 (RETURNED); restore Java's registers and RSP from the context; ret
 * </pre>
 * R12 (the context) survives the call because it is callee-saved under {@link Abi}.
 *
 * <p>Every return to Java restores the registers saved by the latest downcall, so when the
 * target returns after exits and re-entries, the stub returns to the latest re-entry's Java
 * caller — the dispatch loop of the same call.
 *
 * <p><b>Re-entry stub</b> (one per JVM): {@code int reenter(long context)} saves the Java
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
        a.mov(Width.W64, Gpr.RDI, Gpr.R12);
        a.mov(Width.W32, Mem.of(Gpr.RDI, EXIT_CODE), new Imm(ExitCode.RETURNED.code()));
        Exits.returnToJava(a, Gpr.RDI, ExitCode.RETURNED.code());
        return a.finish();
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
