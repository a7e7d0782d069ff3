package dev.kiln.internal.nativecode;

import java.util.Locale;

/**
 * Whether this JVM can run Kiln's native code, decided once per JVM and reported as one
 * sentence the runtime can show when it falls back to the interpreter:
 * {@code "compiler engine unavailable: <reason>"}.
 *
 * <p>The checks, cheapest first (the first that fails is the reason):
 * <ol>
 *   <li>the operating system is Linux and the CPU architecture x86-64 (the only ABI the stubs
 *       and {@link Libc}'s constants are written for);
 *   <li>the {@code dev.kiln} module has native access ({@code --enable-native-access}), so the
 *       JDK lets it make downcalls without warnings or errors;
 *   <li>FFM works: the native linker loads and the kernel's page size is 4 KiB;
 *   <li>the CPU has SSE4.1 (the compiler's baseline), asked with CPUID through a tiny stub
 *       assembled by Kiln's own assembler — which also proves that mapping, sealing and calling
 *       native code works here.
 * </ol>
 * The interpreter needs none of this and keeps working when any check fails.
 */
public final class NativeSupport {

    /** The prefix of every reason. */
    static final String UNAVAILABLE = "compiler engine unavailable: ";

    private NativeSupport() {}

    /** Whether the compiler engine can run in this JVM. */
    public static boolean isAvailable() {
        return Probe.REASON == null;
    }

    /** {@code null} when {@link #isAvailable()}, else {@code "compiler engine unavailable: <reason>"}. */
    public static String unavailableReason() {
        return Probe.REASON;
    }

    /**
     * Whether this JVM can map native memory ({@link ReservedMemory}): checks 1 to 3, which
     * need no native code to run. Linear memories live in native memory when it holds.
     */
    public static boolean canMapMemory() {
        return Platform.PROBLEM == null;
    }

    /** The first platform check (1 to 3 above) that fails, or {@code null}; runs no native code. */
    static String platformProblem() {
        return Platform.PROBLEM;
    }

    /** Checks 1 and 2 for the given facts: the reason they fail, or {@code null}. */
    static String platformProblem(String osName, String osArch, boolean nativeAccess) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!os.equals("linux")) {
            return "the operating system is " + osName + ", not Linux";
        }
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return "the CPU architecture is " + osArch + ", not x86-64";
        }
        if (!nativeAccess) {
            return "native access is not enabled for Kiln (run with --enable-native-access=dev.kiln,"
                    + " or ALL-UNNAMED on the class path)";
        }
        return null;
    }

    /** Check 4 given the CPU's features: the reason it fails, or {@code null}. */
    static String cpuProblem(CpuFeatures cpu) {
        return cpu.sse41() ? null : "the CPU lacks SSE4.1";
    }

    /**
     * The features the CPU probe of check 4 read ({@link CpuFeatures#host()}).
     *
     * @throws IllegalStateException when native code cannot run here
     */
    static CpuFeatures hostFeatures() {
        if (Probe.REASON != null) {
            throw new IllegalStateException(Probe.REASON);
        }
        return Probe.FEATURES;
    }

    /** Checks 1 to 3, once. */
    private static final class Platform {
        static final String PROBLEM = check();

        private static String check() {
            String problem = platformProblem(System.getProperty("os.name", "?"), System.getProperty("os.arch", "?"),
                    NativeSupport.class.getModule().isNativeAccessEnabled());
            if (problem != null) {
                return problem;
            }
            try {
                long pageSize = Libc.sysconfPageSize();
                if (pageSize != Libc.PAGE_SIZE) {
                    return "the page size is " + pageSize + " bytes, not " + Libc.PAGE_SIZE;
                }
                return null;
            } catch (RuntimeException | LinkageError e) {
                return "the foreign function interface is unavailable (" + e + ")";
            }
        }
    }

    /**
     * All four checks, once, and the CPU's features from check 4: one CPU probe per JVM, for the
     * check and for the compiler.
     */
    private static final class Probe {
        static final CpuFeatures FEATURES;
        static final String REASON;

        static {
            CpuFeatures features = null;
            String problem = platformProblem();
            if (problem == null) {
                try {
                    features = CpuFeatures.read();
                    problem = cpuProblem(features);
                } catch (RuntimeException | LinkageError e) {
                    problem = "running native code failed (" + e + ")";
                }
            }
            FEATURES = features;
            REASON = problem == null ? null : UNAVAILABLE + problem;
        }
    }
}
