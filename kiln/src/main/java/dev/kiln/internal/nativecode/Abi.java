package dev.kiln.internal.nativecode;

import static dev.kiln.internal.compiler.amd64.Gpr.*;
import static dev.kiln.internal.compiler.amd64.Xmm.*;

import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Operand;
import dev.kiln.internal.compiler.amd64.Xmm;
import java.util.ArrayList;
import java.util.List;

/**
 * Kiln's internal calling convention between native functions (docs/native-abi.md has the
 * frame diagram and the reasons). It is wazevo's amd64 choice, so the compiler can follow that
 * design where it helps:
 *
 * <pre>
 *   RAX        execution context (argument 0)           | results: RAX, RBX, RCX, RDI, RSI,
 *   RBX        module context (argument 1); for a host  |          R8, R9, R10, R11 (integers),
 *              call trampoline, the host function id    |          XMM0..XMM7 (floats, v128),
 *   RCX RDI RSI R8 R9 R10 R11    integer parameters     |          then the stack
 *   XMM0..XMM7                   float and v128 params  |
 *   RDX R12 R13 R14 R15 XMM8..XMM15   callee-saved (and RBP, RSP)
 *   everything else is caller-saved; there are no scratch registers outside the lists above
 * </pre>
 *
 * <p>References (funcref, externref) travel as 64-bit integers.
 */
public final class Abi {

    public static final Gpr EXEC_CTX = RAX;
    public static final Gpr MODULE_CTX = RBX;
    public static final List<Gpr> INT_PARAMS = List.of(RCX, RDI, RSI, R8, R9, R10, R11);
    public static final List<Gpr> INT_RESULTS = List.of(RAX, RBX, RCX, RDI, RSI, R8, R9, R10, R11);
    public static final List<Xmm> FLOAT_PARAMS = List.of(XMM0, XMM1, XMM2, XMM3, XMM4, XMM5, XMM6, XMM7);
    public static final List<Xmm> FLOAT_RESULTS = FLOAT_PARAMS;

    /** What a callee must preserve, in save-area order; a host call saves exactly these. */
    public static final List<Operand> CALLEE_SAVED = List.of(
            RDX, R12, R13, R14, R15, XMM8, XMM9, XMM10, XMM11, XMM12, XMM13, XMM14, XMM15);

    /**
     * Every register that may hold a live value at a function's prologue, in save-area order:
     * the stack-grow sequence saves all of them. Not RAX (the re-entry stub reloads the execution
     * context into it), RSP or RBP (the exit saves them).
     */
    public static final List<Operand> SAVED_FOR_GROWTH;

    static {
        List<Operand> all = new ArrayList<>(CALLEE_SAVED);
        all.addAll(List.of(RBX, RCX, RSI, RDI, R8, R9, R10, R11));
        all.addAll(FLOAT_PARAMS);
        SAVED_FOR_GROWTH = List.copyOf(all);
    }

    private Abi() {}

    /** The execution-context offset of {@code register}'s 16-byte save slot. */
    public static int saveSlotOffset(Operand register) {
        int index = SAVED_FOR_GROWTH.indexOf(register);
        if (index < 0) {
            throw new IllegalArgumentException(register + " has no save slot");
        }
        return ContextLayout.saveSlot(index);
    }
}
