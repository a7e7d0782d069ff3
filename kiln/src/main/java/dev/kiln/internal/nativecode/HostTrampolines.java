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
 * The host-call trampoline of one signature: a native function under {@link Abi} that native
 * code calls like any other, with RAX = execution context and RBX = the host function's id
 * ({@link HostTable}). It turns the call into an exit and the exit's answer into a return.
 *
 * <pre>
 *          (high addresses)
 *        | stack results          |  [RBP + 16 + paramStackSize + offset]
 *        | stack parameters       |  [RBP + 16 + offset]
 *        | return address         |
 *   RBP: | caller's RBP           |
 *        | slot area: value i at  |  the HostFunction's long[]: parameters in, results out,
 *        | [RSP + slotOffset(i)]  |  8 bytes per value (v128 16), i32/f32 zero-extended
 *   RSP: +------------------------+  = wasmRsp at the exit, where Java finds the slot area
 *
 *   push rbp; mov rbp, rsp; stack check (the slot area must fit, else grow first)
 *   save RDX R12..R15 XMM8..XMM15 in the context (Java will clobber them)
 *   sub rsp, slotAreaSize; store every parameter (from its register, or through R12/XMM15
 *     from the caller's stack) into its slot
 *   exitDetail = RBX, exitSignature = this signature's id; exit HOST_CALL
 *   -- resumed: Java has written the results into the slots --
 *   load every result into its register, or through R12/XMM15 into the caller's result slot;
 *   restore the saved registers; a result in RAX last (RAX holds the context until then)
 *   mov rsp, rbp; pop rbp; ret
 * </pre>
 */
final class HostTrampolines {

    private HostTrampolines() {}

    static byte[] emit(CallLayout layout, int signatureId) {
        int slotArea = (layout.slotCount() * 8 + 15) & -16;
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, slotArea);
        for (Operand r : Abi.CALLEE_SAVED) {
            ValueMoves.save(a, Mem.of(Abi.EXEC_CTX, Abi.saveSlotOffset(r)), r);
        }
        a.alu(AluOp.SUB, Width.W64, Gpr.RSP, new Imm(slotArea));
        for (CallLayout.Location p : layout.params) {
            Operand from = p.register();
            if (p.onStack()) {
                from = ValueMoves.isInteger(p.type()) ? Gpr.R12 : Xmm.XMM15;
                ValueMoves.load(a, p.type(), from, Mem.of(Gpr.RBP, 16 + p.stackOffset()));
            }
            ValueMoves.store(a, p.type(), Mem.of(Gpr.RSP, p.slotOffset()), from);
        }
        a.mov(Width.W64, Mem.of(Abi.EXEC_CTX, EXIT_DETAIL), Abi.MODULE_CTX);
        a.mov(Width.W32, Mem.of(Abi.EXEC_CTX, EXIT_SIGNATURE), new Imm(signatureId));
        Exits.exitAndResume(a, ExitCode.HOST_CALL, Gpr.R12);

        CallLayout.Location inRax = null;
        for (CallLayout.Location r : layout.results) {
            Mem slot = Mem.of(Gpr.RSP, r.slotOffset());
            if (r.register() == Abi.EXEC_CTX) {
                inRax = r;
            } else if (r.onStack()) {
                Operand via = ValueMoves.isInteger(r.type()) ? Gpr.R12 : Xmm.XMM15;
                ValueMoves.load(a, r.type(), via, slot);
                ValueMoves.store(a, r.type(), Mem.of(Gpr.RBP, 16 + layout.paramStackSize + r.stackOffset()), via);
            } else {
                ValueMoves.load(a, r.type(), r.register(), slot);
            }
        }
        for (Operand r : Abi.CALLEE_SAVED) {
            ValueMoves.restore(a, r, Mem.of(Abi.EXEC_CTX, Abi.saveSlotOffset(r)));
        }
        if (inRax != null) {
            ValueMoves.load(a, inRax.type(), Gpr.RAX, Mem.of(Gpr.RSP, inRax.slotOffset()));
        }
        a.mov(Width.W64, Gpr.RSP, Gpr.RBP);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }
}
