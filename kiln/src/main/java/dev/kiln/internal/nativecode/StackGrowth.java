package dev.kiln.internal.nativecode;

import static dev.kiln.internal.nativecode.ContextLayout.*;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Condition;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Width;

/**
 * Stack bounds checks in prologues, and the sequence that grows the stack when one fails.
 *
 * <pre>
 *   prologue check (emitCheck; RAX = execution context; clobbers only the flags):
 *       push r11                                ; a scratch register without losing it
 *       lea  r11, [rsp + 8 - frameSize]         ; RSP once the frame is allocated
 *       cmp  r11, [rax + stackBottom]
 *       pop  r11                                ; pop leaves the flags alone
 *       jae  ok
 *       mov  qword [rax + stackGrowRequired], frameSize
 *       call [rax + stackGrowAddress]           ; the grow sequence; returns on a larger stack
 *   ok:
 *
 *   grow sequence (one per JVM, in RuntimeStubs):
 *       push rbp; mov rbp, rsp                  ; a frame, so the chain walk sees the prologue's
 *       save every register of Abi.SAVED_FOR_GROWTH in the context
 *       exit GROW_STACK                         ; Java moves the stack, rewrites the RBP chain
 *       restore them                            ; RSP/RBP now point into the new stack
 *       mov rsp, rbp; pop rbp; ret              ; back into the prologue, on the new stack
 * </pre>
 *
 * <p>RSP itself never goes below the bottom: moving RSP first and checking after (wazevo's
 * way) would leave a window in which a signal delivered on this stack could land in the guard
 * page. The check costs one push/pop pair instead. The grow sequence is reached through the
 * context, so code anywhere in the address space can call it.
 */
public final class StackGrowth {

    private StackGrowth() {}

    /**
     * Emits the prologue check for a function that needs {@code frameSize} bytes below the
     * current RSP. RAX must hold the execution context; every register keeps its value.
     */
    public static void emitCheck(Assembler a, int frameSize) {
        if (frameSize < 0) {
            throw new IllegalArgumentException("negative frame size " + frameSize);
        }
        Label ok = a.newLabel();
        a.push(Gpr.R11);
        a.lea(Gpr.R11, Mem.of(Gpr.RSP, 8 - frameSize));
        a.alu(dev.kiln.internal.compiler.amd64.AluOp.CMP, Width.W64, Gpr.R11, Mem.of(Abi.EXEC_CTX, STACK_BOTTOM));
        a.pop(Gpr.R11);
        a.jcc(Condition.AE, ok);
        a.mov(Width.W64, Mem.of(Abi.EXEC_CTX, STACK_GROW_REQUIRED), new Imm(frameSize));
        a.call(Mem.of(Abi.EXEC_CTX, STACK_GROW_ADDRESS));
        a.bind(ok);
    }

    static byte[] emitGrowSequence() {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        for (Operand r : Abi.SAVED_FOR_GROWTH) {
            ValueMoves.save(a, Mem.of(Abi.EXEC_CTX, Abi.saveSlotOffset(r)), r);
        }
        Exits.exitAndResume(a, ExitCode.GROW_STACK, Gpr.R12);
        for (Operand r : Abi.SAVED_FOR_GROWTH) {
            ValueMoves.restore(a, r, Mem.of(Abi.EXEC_CTX, Abi.saveSlotOffset(r)));
        }
        a.mov(Width.W64, Gpr.RSP, Gpr.RBP);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }
}
