package dev.kiln.bench;

import java.util.List;

/** The engines the kernel runner knows, by their command-line names. */
public final class Engines {

    /** Every engine name {@link #byName} accepts. */
    public static final List<String> NAMES = List.of("kiln", "kiln-compiler", "chicory", "chicory-compiler",
            NativeEngine.CLI_NAME);

    /** The engines compared by default, the first being the one the others are compared with. */
    public static final List<String> DEFAULT = List.of("kiln", "chicory");

    private Engines() {}

    /** The engine called {@code name} on the command line. */
    public static WasiEngine byName(String name) {
        return switch (name) {
            case "kiln" -> KilnEngine.interpreter();
            case "kiln-compiler" -> KilnEngine.compiler();
            case "chicory" -> ChicoryEngine.interpreter();
            case "chicory-compiler" -> ChicoryEngine.compiler();
            case NativeEngine.CLI_NAME -> NativeEngine.inDefaultDirectory();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + NAMES);
        };
    }
}
