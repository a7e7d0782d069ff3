package dev.kiln.internal.nativecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NativeSupportTest {

    @Test
    void theBuildMachineCanRunNativeCode() {
        // Tests run on x86-64 Linux with --enable-native-access=dev.kiln and an SSE4.1 CPU.
        assertNull(NativeSupport.unavailableReason());
        assertTrue(NativeSupport.isAvailable());
    }

    @Test
    void theCpuidStubSeesWhatTheKernelSees() throws Exception {
        boolean kernelSays = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")).contains(" sse4_1");
        assertEquals(kernelSays, (CpuFeatures.leaf1Ecx() & CpuFeatures.SSE41_BIT) != 0);
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
        assertEquals("the CPU lacks SSE4.1", NativeSupport.cpuProblem(0));
        assertNull(NativeSupport.cpuProblem(CpuFeatures.SSE41_BIT));
        assertTrue(NativeSupport.UNAVAILABLE.startsWith("compiler engine unavailable: "));
    }
}
