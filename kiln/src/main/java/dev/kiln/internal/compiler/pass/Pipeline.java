package dev.kiln.internal.compiler.pass;

import dev.kiln.internal.compiler.ssa.Function;
import dev.kiln.internal.compiler.ssa.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The passes in the order the optimizing compiler runs them:
 *
 * <ol>
 *   <li>the simplifying passes, repeated while a round changes something (at most
 *       {@value #ROUNDS} rounds; one change can enable another: a branch folded to a jump
 *       leaves a parameter one value, which makes a constant, which folds a compare):
 *       {@link DeadBlocks}, {@link RedundantParameters}, {@link ConstantFolding},
 *       {@link LoopInvariants} (first round only: what it hoists stays hoisted, and it costs a loop
 *       analysis; memory reads out of loops, before value numbering merges what it hoisted with
 *       what was there), {@link ValueNumbering} (before bounds checks: it makes one
 *       address one value),
 *       {@link BoundsChecks}, {@link DeadCode} (last: the others leave the dead code);
 *   <li>then once: {@link CheckVersioning} (once, by its nature: it copies blocks), {@link DeadCode}
 *       for what the fast copies no longer use, and for the backend {@link CriticalEdges}, then
 *       {@link BlockLayout} (which places the new blocks too).
 * </ol>
 *
 * {@link LoopNesting} is an analysis the backend computes on the result.
 */
public final class Pipeline {

    /** Enough for what the suite's functions need (most settle in two); a bound on compile time. */
    static final int ROUNDS = 4;

    /** New passes (some keep state while they run), so that functions compile in parallel. */
    private static List<Pass> simplifying(boolean firstRound) {
        List<Pass> passes = new ArrayList<>(List.of(new DeadBlocks(), new RedundantParameters(), new ConstantFolding()));
        if (firstRound) {
            passes.add(new LoopInvariants()); // before value numbering, which merges what it hoisted
        }
        passes.addAll(List.of(new ValueNumbering(), new BoundsChecks(), new DeadCode()));
        return passes;
    }

    private static List<Pass> preparing() {
        return List.of(new CheckVersioning(), new DeadCode(), new CriticalEdges(), new BlockLayout());
    }

    private Pipeline() {}

    /** Optimizes {@code function} in place, dumping after each pass if {@code -Dkiln.dump} includes {@code opt}. */
    public static void run(Function function) {
        run(function, dumpRequested() ? text -> System.err.print(text) : null);
    }

    /**
     * Optimizes {@code function} in place; {@code dump}, if not null, gets the function's text
     * after each pass that changed it, headed {@code ; after <pass>}.
     */
    public static void run(Function function, Consumer<String> dump) {
        simplify(function, dump);
        prepare(function, dump);
    }

    /** Step 1 alone: the simplifying passes' rounds. */
    public static void simplify(Function function, Consumer<String> dump) {
        boolean changed = runAll(simplifying(true), function, dump);
        List<Pass> simplifying = simplifying(false);
        for (int round = 1; round < ROUNDS && changed; round++) {
            changed = runAll(simplifying, function, dump);
        }
    }

    /** Step 2 alone: critical edges split, then the layout. */
    public static void prepare(Function function, Consumer<String> dump) {
        runAll(preparing(), function, dump);
    }

    /** The passes by name, for tests that run one alone. */
    static Pass named(String name) {
        for (List<Pass> passes : List.of(simplifying(true), preparing())) {
            for (Pass p : passes) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("no pass " + name);
    }

    private static boolean runAll(List<Pass> passes, Function function, Consumer<String> dump) {
        boolean changed = false;
        for (Pass p : passes) {
            if (p.run(function)) {
                changed = true;
                if (dump != null) {
                    dump.accept("; after " + p.name() + "\n" + Printer.print(function));
                }
            }
        }
        return changed;
    }

    private static boolean dumpRequested() {
        String dump = System.getProperty("kiln.dump", "");
        return List.of(dump.toLowerCase(Locale.ROOT).split(",")).contains("opt");
    }
}
