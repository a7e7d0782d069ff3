package dev.kiln.internal.nativecode;

import dev.kiln.FunctionType;
import dev.kiln.ValueType;
import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Label;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.Width;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-assembled native functions under {@link Abi} for the tests: what a compiler would emit,
 * written out with Kiln's assembler.
 */
final class TestCode {

    private TestCode() {}

    static FunctionType type(List<ValueType> params, List<ValueType> results) {
        return new FunctionType(params, results);
    }

    static List<ValueType> types(ValueType... types) {
        return Arrays.asList(types);
    }

    /** {@code (i32, i32) -> i32}: the sum. Parameters in RCX and RDI, the result in RAX. */
    static byte[] add32() {
        Assembler a = new Assembler();
        a.mov(Width.W32, Gpr.RAX, Gpr.RCX);
        a.alu(AluOp.ADD, Width.W32, Gpr.RAX, Gpr.RDI);
        a.ret();
        return a.finish();
    }

    /**
     * A function of type {@code layout.type} that calls {@code callee} (an absolute address) with
     * its own parameters and returns its results, with RBX = {@code rbx} for the callee (a host
     * function id when the callee is a host-call trampoline). Copies its stack parameters into
     * its outgoing area and the callee's stack results back into its own caller's.
     *
     * <pre>
     *   push rbp; mov rbp, rsp; push r15; push r15        ; r15 is callee-saved: keep it
     *   sub rsp, stackAreaSize
     *   copy [rbp+16 .. +paramStackSize) to [rsp ..)       ; 8 bytes at a time through r15
     *   mov rbx, id; mov r15, callee; call r15
     *   copy [rsp+paramStackSize ..) to [rbp+16+paramStackSize ..)   ; stack results
     *   add rsp, stackAreaSize; pop r15; pop r15; pop rbp; ret
     * </pre>
     */
    static byte[] forwarder(CallLayout layout, long callee, long rbx) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        a.push(Gpr.R15);
        a.push(Gpr.R15);
        int area = layout.stackAreaSize();
        a.alu(AluOp.SUB, Width.W64, Gpr.RSP, new Imm(area));
        for (int off = 0; off < layout.paramStackSize; off += 8) {
            a.mov(Width.W64, Gpr.R15, Mem.of(Gpr.RBP, 16 + off));
            a.mov(Width.W64, Mem.of(Gpr.RSP, off), Gpr.R15);
        }
        a.mov(Width.W64, Gpr.RBX, new Imm(rbx));
        a.mov(Width.W64, Gpr.R15, new Imm(callee));
        a.call(Gpr.R15);
        for (int off = 0; off < layout.resultStackSize; off += 8) {
            int at = layout.paramStackSize + off;
            a.mov(Width.W64, Gpr.R15, Mem.of(Gpr.RSP, at));
            a.mov(Width.W64, Mem.of(Gpr.RBP, 16 + at), Gpr.R15);
        }
        a.alu(AluOp.ADD, Width.W64, Gpr.RSP, new Imm(area));
        a.pop(Gpr.R15);
        a.pop(Gpr.R15);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }

    /**
     * {@code (i64) -> i64}: {@code sum(n) = n == 0 ? 0 : n + sum(n - 1)}, recursing for real, 32
     * bytes of stack a level, with the prologue's stack check.
     *
     * <pre>
     *   sum: push rbp; mov rbp, rsp
     *        stack check (16 bytes)
     *        test rcx, rcx; jz zero
     *        push r12; push r12                 ; r12 (callee-saved) keeps n; the second keeps RSP 16-aligned
     *        mov r12, rcx; sub rcx, 1; call sum ; RAX = the context still, RBX the module context
     *        add rax, r12
     *        pop r12; pop r12; pop rbp; ret
     *   zero: xor eax, eax; pop rbp; ret
     * </pre>
     */
    static byte[] sum() {
        Assembler a = new Assembler();
        Label sum = a.newLabel();
        Label zero = a.newLabel();
        a.bind(sum);
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, 16);
        a.test(Width.W64, Gpr.RCX, Gpr.RCX);
        a.jcc(dev.kiln.internal.compiler.amd64.Condition.E, zero);
        a.push(Gpr.R12);
        a.push(Gpr.R12);
        a.mov(Width.W64, Gpr.R12, Gpr.RCX);
        a.alu(AluOp.SUB, Width.W64, Gpr.RCX, new Imm(1));
        a.call(sum);
        a.alu(AluOp.ADD, Width.W64, Gpr.RAX, Gpr.R12);
        a.pop(Gpr.R12);
        a.pop(Gpr.R12);
        a.pop(Gpr.RBP);
        a.ret();
        a.bind(zero);
        a.alu(AluOp.XOR, Width.W32, Gpr.RAX, Gpr.RAX);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }

    /** {@code () -> ()} whose prologue asks for a frame of {@code frameSize} bytes, then returns. */
    static byte[] frameOf(int frameSize) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        StackGrowth.emitCheck(a, frameSize);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }

    /** {@code () -> ()} that exits with the trap {@code code} after a frame of its own. */
    static byte[] trap(ExitCode code) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        Exits.trap(a, Gpr.RAX, code);
        return a.finish();
    }

    /**
     * {@code (i64) -> i64}: {@code 2 * host(x) + 1}, calling the host function {@code id} through
     * the trampoline at {@code trampoline}.
     */
    static byte[] twiceHostPlusOne(long trampoline, int id) {
        Assembler a = new Assembler();
        a.push(Gpr.RBP);
        a.mov(Width.W64, Gpr.RBP, Gpr.RSP);
        a.push(Gpr.R15);
        a.push(Gpr.R15);
        a.mov(Width.W64, Gpr.RBX, new Imm(id));
        a.mov(Width.W64, Gpr.R15, new Imm(trampoline));
        a.call(Gpr.R15);
        a.alu(AluOp.ADD, Width.W64, Gpr.RAX, Gpr.RAX);
        a.alu(AluOp.ADD, Width.W64, Gpr.RAX, new Imm(1));
        a.pop(Gpr.R15);
        a.pop(Gpr.R15);
        a.pop(Gpr.RBP);
        a.ret();
        return a.finish();
    }

    static List<ValueType> repeat(List<ValueType> pattern, int times) {
        List<ValueType> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(pattern);
        }
        return out;
    }
}
