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
 *       {@link BoundsChecks}, {@link DeadCode} (last: the others leave the dead code). A round
 *       after the first goes on past its first two passes only if they changed something (see
 *       {@link #simplify});
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
    private static List<Pass> firstRound() {
        List<Pass> passes = new ArrayList<>(opening());
        passes.add(new ConstantFolding());
        passes.add(new LoopInvariants()); // before value numbering, which merges what it hoisted
        passes.addAll(List.of(new ValueNumbering(), new BoundsChecks(), new DeadCode()));
        return passes;
    }

    /** A round's first passes: what the rest of a round enables. */
    private static List<Pass> opening() {
        return List.of(new DeadBlocks(), new RedundantParameters());
    }

    /** The rest of a later round. */
    private static List<Pass> closing() {
        return List.of(new ConstantFolding(), new ValueNumbering(), new BoundsChecks(), new DeadCode());
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

    /**
     * Step 1 alone: the simplifying passes' rounds. A round after the first stops after its
     * {@link #opening} passes when they change nothing, and the function is taken as settled:
     * the rest of the round almost never finds anything then, and on functions that settle in
     * the first round (most) it was most of the second's cost. Measured on ruby.wasm (17,825
     * functions): 16,117 had a second round, 24 changed something in it (36 with the kernels'),
     * and in each of them those two passes did (a parameter removed, which the rest can turn
     * into a constant, and so on); so ruby.wasm and the kernels get the same code as with
     * every round in full, and the spec suite's functions the same totals.
     */
    public static void simplify(Function function, Consumer<String> dump) {
        if (!runAll(firstRound(), function, dump)) {
            return;
        }
        List<Pass> opening = opening();
        List<Pass> closing = closing();
        for (int round = 1; round < ROUNDS && runAll(opening, function, dump); round++) {
            runAll(closing, function, dump);
        }
    }

    /** Step 2 alone: critical edges split, then the layout. */
    public static void prepare(Function function, Consumer<String> dump) {
        runAll(preparing(), function, dump);
    }

    /** The passes by name, for tests that run one alone. */
    static Pass named(String name) {
        for (List<Pass> passes : List.of(firstRound(), preparing())) {
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
