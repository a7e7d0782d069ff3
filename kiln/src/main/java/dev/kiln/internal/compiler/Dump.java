package dev.kiln.internal.compiler;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code -Dkiln.dump} asks to see of each compiled function: any of {@code ssa} (the
 * frontend's IR), {@code opt} (after the passes), {@code lowered} (machine instructions on
 * virtual registers), {@code regalloc} (after allocation) and {@code asm} (the emitted code with
 * offsets and bytes), comma-separated; {@code -Dkiln.dump.function=NAME} keeps only functions
 * whose name contains NAME. Each dump goes to the sink as one block of text headed by the phase
 * and the function.
 */
public final class Dump {

    /** The phases a dump can show, in pipeline order. */
    public enum Phase { SSA, OPT, LOWERED, REGALLOC, ASM }

    /** Dumps nothing. */
    public static final Dump NONE = new Dump(EnumSet.noneOf(Phase.class), "", text -> { });

    private final Set<Phase> phases;
    private final String function;
    private final Consumer<String> sink;

    public Dump(Set<Phase> phases, String function, Consumer<String> sink) {
        this.phases = phases.isEmpty() ? EnumSet.noneOf(Phase.class) : EnumSet.copyOf(phases);
        this.function = function;
        this.sink = sink;
    }

    /** The dump the system properties ask for, to standard error. */
    public static Dump fromSystemProperties() {
        String wanted = System.getProperty("kiln.dump", "");
        if (wanted.isBlank()) {
            return NONE;
        }
        Set<Phase> phases = EnumSet.noneOf(Phase.class);
        for (String name : wanted.split(",")) {
            try {
                phases.add(Phase.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("-Dkiln.dump: unknown phase '" + name.trim() + "'; phases are "
                        + EnumSet.allOf(Phase.class).stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList(), e);
            }
        }
        return new Dump(phases, System.getProperty("kiln.dump.function", ""), System.err::print);
    }

    /** Whether {@code phase} of {@code functionName} is to be shown. */
    public boolean wants(Phase phase, String functionName) {
        return phases.contains(phase) && functionName.contains(function);
    }

    /** Shows {@code text} as {@code phase} of {@code functionName}, if wanted. */
    public void show(Phase phase, String functionName, Object text) {
        if (wants(phase, functionName)) {
            sink.accept("=== " + phase.name().toLowerCase(Locale.ROOT) + " " + functionName + "\n" + text + "\n");
        }
    }
}
