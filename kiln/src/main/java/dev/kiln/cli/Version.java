package dev.kiln.cli;

import dev.kiln.EngineKind;
import dev.kiln.RuntimeConfig;
import dev.kiln.internal.nativecode.NativeSupport;

/** The version of Kiln that is running. */
final class Version {

    private Version() {}

    /**
     * The version of module {@code dev.kiln} (the build stamps the project version into it), or
     * {@code "unknown"} when Kiln runs from the class path, where there is no module descriptor.
     */
    static String current() {
        var descriptor = Version.class.getModule().getDescriptor();
        return descriptor == null ? "unknown" : descriptor.rawVersion().orElse("unknown");
    }

    /**
     * The engine {@code kiln run} uses by default, as a line: {@code engine: compiler}, or the
     * interpreter with the reason the compiler cannot run here.
     */
    static String engine() {
        EngineKind engine = RuntimeConfig.defaults().engine();
        if (engine == EngineKind.COMPILER && !NativeSupport.isAvailable()) {
            return "engine: interpreter (the compiler is unavailable: " + NativeSupport.unavailableReason() + ")";
        }
        return "engine: " + engine.cliName();
    }
}
