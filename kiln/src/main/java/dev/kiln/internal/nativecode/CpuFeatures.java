package dev.kiln.internal.nativecode;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Imm;
import dev.kiln.internal.compiler.amd64.Width;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;

/**
 * Asks the CPU what it supports, with CPUID run by a stub Kiln assembles itself.
 *
 * <pre>
 *   int leaf1Ecx(void):        ; SysV
 *       push rbx               ; CPUID writes EBX, which the caller expects kept
 *       mov  eax, 1            ; leaf 1: processor info and feature bits
 *       xor  ecx, ecx
 *       cpuid
 *       mov  eax, ecx          ; ECX bit 19 = SSE4.1
 *       pop  rbx
 *       ret
 * </pre>
 */
final class CpuFeatures {

    /** CPUID leaf 1, ECX: SSE4.1. */
    static final int SSE41_BIT = 1 << 19;

    private CpuFeatures() {}

    /** CPUID leaf 1's ECX, read by running the stub in a throwaway arena. */
    static int leaf1Ecx() {
        Assembler a = new Assembler();
        a.push(Gpr.RBX);
        a.mov(Width.W32, Gpr.RAX, new Imm(1));
        a.alu(dev.kiln.internal.compiler.amd64.AluOp.XOR, Width.W32, Gpr.RCX, Gpr.RCX);
        a.cpuid();
        a.mov(Width.W32, Gpr.RAX, Gpr.RCX);
        a.pop(Gpr.RBX);
        a.ret();
        try (CodeArena arena = CodeArena.open()) {
            var stub = arena.install(a.finish()).downcall(0, FunctionDescriptor.of(ValueLayout.JAVA_INT));
            return (int) stub.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
