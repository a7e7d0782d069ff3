package dev.kiln.internal.nativecode;

import dev.kiln.internal.compiler.amd64.AluOp;
import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Mem;
import dev.kiln.internal.compiler.amd64.ShiftOp;
import dev.kiln.internal.compiler.amd64.Width;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * What the CPU offers beyond baseline x86-64 that the compiler may use, asked with CPUID (and
 * XGETBV for AVX2, which also needs the OS to save the YMM registers) by stubs Kiln assembles
 * itself.
 *
 * <pre>
 *   void cpuid(int leaf, int subleaf, int out[4]):   ; SysV: edi, esi, rdx (called in the
 *                                                    ; shape of every downcall, Downcalls)
 *       push rbx              ; CPUID writes EBX, which the caller expects kept
 *       mov  r8, rdx
 *       mov  eax, edi
 *       mov  ecx, esi
 *       cpuid
 *       mov  [r8], eax ; [r8+4], ebx ; [r8+8], ecx ; [r8+12], edx
 *       pop  rbx
 *       ret
 *
 *   long xcr0(void):
 *       xor ecx, ecx ; xgetbv ; shl rdx, 32 ; mov eax, eax ; or rax, rdx ; ret
 * </pre>
 *
 * @param sse41 SSE4.1 (leaf 1 ECX bit 19): required by Kiln's compiler
 * @param popcnt POPCNT (leaf 1 ECX bit 23)
 * @param lzcnt LZCNT (leaf 0x80000001 ECX bit 5, "ABM"); without it the encoding runs as BSR
 * @param bmi1 BMI1 (leaf 7 EBX bit 3): TZCNT, ANDN; without it TZCNT runs as BSF
 * @param bmi2 BMI2 (leaf 7 EBX bit 8): SHLX/SHRX/SARX, RORX
 * @param avx2 AVX2 (leaf 7 EBX bit 5) with the YMM state enabled by the OS (leaf 1 ECX bits 27
 *     OSXSAVE and 28 AVX, XCR0 bits 1 and 2)
 */
public record CpuFeatures(boolean sse41, boolean popcnt, boolean lzcnt, boolean bmi1, boolean bmi2, boolean avx2) {

    static final int SSE41_BIT = 1 << 19;
    private static final int POPCNT_BIT = 1 << 23;
    private static final int OSXSAVE_BIT = 1 << 27;
    private static final int AVX_BIT = 1 << 28;
    private static final int LZCNT_BIT = 1 << 5;
    private static final int BMI1_BIT = 1 << 3;
    private static final int AVX2_BIT = 1 << 5;
    private static final int BMI2_BIT = 1 << 8;
    /** XCR0: the OS saves XMM (bit 1) and YMM (bit 2) state. */
    private static final long XCR0_XMM_YMM = 0b110;

    private static final int EAX = 0;
    private static final int EBX = 1;
    private static final int ECX = 2;

    /**
     * This machine's features, probed once.
     *
     * @throws IllegalStateException when native code cannot run here ({@link NativeSupport})
     */
    public static CpuFeatures host() {
        return NativeSupport.hostFeatures();
    }

    /** The features the CPUID (and XCR0) words describe. */
    static CpuFeatures of(int leaf1Ecx, int leaf7Ebx, int extendedLeaf1Ecx, long xcr0) {
        boolean osSavesYmm = (leaf1Ecx & OSXSAVE_BIT) != 0 && (leaf1Ecx & AVX_BIT) != 0
                && (xcr0 & XCR0_XMM_YMM) == XCR0_XMM_YMM;
        return new CpuFeatures((leaf1Ecx & SSE41_BIT) != 0, (leaf1Ecx & POPCNT_BIT) != 0,
                (extendedLeaf1Ecx & LZCNT_BIT) != 0, (leaf7Ebx & BMI1_BIT) != 0, (leaf7Ebx & BMI2_BIT) != 0,
                osSavesYmm && (leaf7Ebx & AVX2_BIT) != 0);
    }

    /**
     * Asks the CPU, with stubs in a code arena of their own; {@link NativeSupport} does it once,
     * after checking that native code may run, and keeps the answer.
     */
    static CpuFeatures read() {
        try (CodeArena code = CodeArena.open(); Arena scratch = Arena.ofConfined()) {
            MethodHandle stub = cpuidStub(code);
            MemorySegment out = scratch.allocate(16, 4);
            int leaf1Ecx = cpuid(stub, out, 1)[ECX];
            int maxLeaf = cpuid(stub, out, 0)[EAX];
            int leaf7Ebx = maxLeaf >= 7 ? cpuid(stub, out, 7)[EBX] : 0;
            int maxExtendedLeaf = cpuid(stub, out, 0x8000_0000)[EAX];
            int extendedLeaf1Ecx = Integer.compareUnsigned(maxExtendedLeaf, 0x8000_0001) >= 0
                    ? cpuid(stub, out, 0x8000_0001)[ECX] : 0;
            long xcr0 = (leaf1Ecx & OSXSAVE_BIT) != 0 ? xcr0(code) : 0;
            return of(leaf1Ecx, leaf7Ebx, extendedLeaf1Ecx, xcr0);
        }
    }

    private static MethodHandle cpuidStub(CodeArena code) {
        Assembler a = new Assembler();
        a.push(Gpr.RBX);
        a.mov(Width.W64, Gpr.R8, Gpr.RDX);
        a.mov(Width.W32, Gpr.RAX, Gpr.RDI);
        a.mov(Width.W32, Gpr.RCX, Gpr.RSI);
        a.cpuid();
        a.mov(Width.W32, Mem.of(Gpr.R8, 0), Gpr.RAX);
        a.mov(Width.W32, Mem.of(Gpr.R8, 4), Gpr.RBX);
        a.mov(Width.W32, Mem.of(Gpr.R8, 8), Gpr.RCX);
        a.mov(Width.W32, Mem.of(Gpr.R8, 12), Gpr.RDX);
        a.pop(Gpr.RBX);
        a.ret();
        return code.install(a.finish()).downcall(0, Downcalls.SIX_LONGS);
    }

    /** EAX, EBX, ECX, EDX of CPUID {@code leaf}, subleaf 0. */
    private static int[] cpuid(MethodHandle stub, MemorySegment out, int leaf) {
        try {
            long ignored = (long) stub.invokeExact((long) leaf, 0L, out.address(), 0L, 0L, 0L);
        } catch (Throwable t) {
            throw unchecked(t);
        }
        return out.toArray(ValueLayout.JAVA_INT);
    }

    private static long xcr0(CodeArena code) {
        Assembler a = new Assembler();
        a.alu(AluOp.XOR, Width.W32, Gpr.RCX, Gpr.RCX);
        a.xgetbv();
        a.shift(ShiftOp.SHL, Width.W64, Gpr.RDX, 32);
        a.mov(Width.W32, Gpr.RAX, Gpr.RAX);
        a.alu(AluOp.OR, Width.W64, Gpr.RAX, Gpr.RDX);
        a.ret();
        try {
            return (long) code.install(a.finish()).downcall(0, Downcalls.SIX_LONGS).invokeExact(0L, 0L, 0L, 0L, 0L, 0L);
        } catch (Throwable t) {
            throw unchecked(t);
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
