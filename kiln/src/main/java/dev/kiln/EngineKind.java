package dev.kiln;

/** The engines that can run WebAssembly. */
public enum EngineKind {
    /**
     * The portable interpreter: runs everywhere the JVM runs, and is the semantic reference for
     * the other engines.
     */
    INTERPRETER,
    /**
     * The optimizing compiler: every function to native x86-64 code, where {@code NativeSupport}
     * says native code can run. A module it cannot compile yet (one using v128) runs on the
     * interpreter.
     */
    COMPILER;

    /** The lower-case name used on the command line, for example {@code interpreter}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The engine called {@code name} on the command line. */
    public static EngineKind fromCliName(String name) {
        for (EngineKind kind : values()) {
            if (kind.cliName().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; known engines: "
                + java.util.Arrays.stream(values()).map(EngineKind::cliName).toList());
    }
}
