package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.internal.compiler.amd64.Assembler;
import dev.kiln.internal.compiler.amd64.Gpr;
import dev.kiln.internal.compiler.amd64.Width;
import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeSupportTest {

    @Test
    void theBuildMachineCanRunNativeCode() {
        // Tests run on x86-64 Linux with --enable-native-access=dev.kiln and an SSE4.1 CPU.
        assertNull(NativeSupport.unavailableReason());
        assertTrue(NativeSupport.isAvailable());
    }

    @Test
    void theCpuidStubSeesWhatTheKernelSees() throws Throwable {
        Set<String> flags = cpuinfoFlags();
        CpuFeatures host = CpuFeatures.host();
        // Linux clears "avx2" when it does not save the YMM registers. It names LZCNT "abm", but
        // some virtual machines' kernels hide the flag their CPUID reports; the instruction says.
        assertEquals(new CpuFeatures(flags.contains("sse4_1"), flags.contains("popcnt"), host.lzcnt(),
                flags.contains("bmi1"), flags.contains("bmi2"), flags.contains("avx2")), host);
        assertEquals(host.lzcnt() ? 31 : 0, leadingZerosOfOne(), "LZCNT, or BSR where it is missing");
        assertSame(host, CpuFeatures.host(), "probed once");
    }

    /** Runs {@code lzcnt eax, edi} on 1: LZCNT gives 31; a CPU without it runs BSR, which gives 0. */
    private static int leadingZerosOfOne() throws Throwable {
        Assembler a = new Assembler();
        a.lzcnt(Width.W32, Gpr.RAX, Gpr.RDI);
        a.ret();
        try (CodeArena arena = CodeArena.open()) {
            MethodHandle lzcnt = arena.install(a.finish())
                    .downcall(0, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return (int) lzcnt.invokeExact(1);
        }
    }

    @Test
    void eachFeatureIsItsOwnBit() {
        int osSavesYmm = (1 << 27) | (1 << 28);
        assertEquals(new CpuFeatures(true, true, false, false, false, false),
                CpuFeatures.of((1 << 19) | (1 << 23), 0, 0, 0));
        assertEquals(new CpuFeatures(false, false, true, true, true, true),
                CpuFeatures.of(osSavesYmm, (1 << 3) | (1 << 5) | (1 << 8), 1 << 5, 0b110));
        assertFalse(CpuFeatures.of(0, 1 << 5, 0, 0b110).avx2(), "AVX2 needs OSXSAVE and AVX");
        assertFalse(CpuFeatures.of(osSavesYmm, 1 << 5, 0, 0b010).avx2(), "AVX2 needs the OS to save YMM");
    }

    private static Set<String> cpuinfoFlags() throws IOException {
        String flagsLine = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("flags")).findFirst().orElseThrow();
        return Set.copyOf(List.of(flagsLine.substring(flagsLine.indexOf(':') + 1).trim().split("\\s+")));
    }

    @Test
    void eachPlatformProblemIsNamed() {
        assertNull(NativeSupport.platformProblem("Linux", "amd64", true));
        assertNull(NativeSupport.platformProblem("Linux", "x86_64", true));
        assertEquals("the operating system is Mac OS X, not Linux",
                NativeSupport.platformProblem("Mac OS X", "x86_64", true));
        assertEquals("the CPU architecture is aarch64, not x86-64",
                NativeSupport.platformProblem("Linux", "aarch64", true));
        assertTrue(NativeSupport.platformProblem("Linux", "amd64", false).startsWith("native access is not enabled"));
    }

    @Test
    void aCpuWithoutSse41IsRefused() {
        assertEquals("the CPU lacks SSE4.1", NativeSupport.cpuProblem(CpuFeatures.of(0, 0, 0, 0)));
        assertNull(NativeSupport.cpuProblem(CpuFeatures.of(CpuFeatures.SSE41_BIT, 0, 0, 0)));
        assertTrue(NativeSupport.UNAVAILABLE.startsWith("compiler engine unavailable: "));
    }
}
