package dev.kiln.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one kernel on several engines in the same JVM, interleaved run by run, and checks every
 * run's checksum. The time of a run is the kernel's own {@code kernel_ms}, measured inside the
 * guest, so module compilation, instantiation and WASI set-up are never part of it. Every engine
 * prepares (compiles) the kernel once; every run is a fresh instance.
 */
public final class KernelComparison {

    private final List<WasiEngine> engines;
    private final int warmups;
    private final int runs;
    private final double minMillis;
    private final PrintStream progress;

    /**
     * @param engines the engines, the first being the one the others are compared with
     * @param warmups unmeasured runs per engine (the JIT compiles the engine's hot paths)
     * @param runs measured runs per engine, at least
     * @param minMillis more measured runs until every engine's add up to this many milliseconds
     *     (at most {@link BenchOptions#MAX_RUNS})
     * @param progress where each run's time is reported as it happens
     */
    public KernelComparison(List<WasiEngine> engines, int warmups, int runs, double minMillis, PrintStream progress) {
        if (engines.isEmpty() || warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need an engine, warmups >= 0 and runs >= 1");
        }
        this.engines = List.copyOf(engines);
        this.warmups = warmups;
        this.runs = runs;
        this.minMillis = minMillis;
        this.progress = progress;
    }

    /**
     * Runs {@code kernel} {@code warmups + runs} times on every engine.
     *
     * @throws IllegalStateException on a wrong checksum, a missing result line or a non-zero exit
     */
    public KernelResult measure(Kernel kernel) {
        List<WasiCommand> commands = new ArrayList<>();
        try {
            engines.forEach(engine -> commands.add(engine.load(kernel)));
            return measure(kernel, commands);
        } finally {
            commands.forEach(WasiCommand::close);
        }
    }

    private KernelResult measure(Kernel kernel, List<WasiCommand> commands) {
        List<List<Double>> samples = new ArrayList<>();
        engines.forEach(e -> samples.add(new ArrayList<>()));
        for (int round = 0; round < warmups + runs || needsMore(samples, round - warmups); round++) {
            boolean measured = round >= warmups;
            // Rotate who goes first, so no engine always runs right after the other's garbage.
            for (int i = 0; i < engines.size(); i++) {
                int e = (round + i) % engines.size();
                double ms = runOnce(kernel, engines.get(e), commands.get(e), measured ? "run" : "warm-up");
                if (measured) {
                    samples.get(e).add(ms);
                }
            }
        }
        return new KernelResult(kernel, samples);
    }

    /** Whether some engine's {@code measuredRounds} runs add up to less than the minimum time. */
    private boolean needsMore(List<List<Double>> samples, int measuredRounds) {
        if (measuredRounds >= BenchOptions.MAX_RUNS) {
            return false;
        }
        return samples.stream().anyMatch(s -> s.stream().mapToDouble(Double::doubleValue).sum() < minMillis);
    }

    private double runOnce(Kernel kernel, WasiEngine engine, WasiCommand command, String what) {
        String stdout = command.run(List.of(kernel.name(), kernel.size()));
        KernelOutput output = KernelOutput.parse(stdout);
        kernel.check(output, engine.name());
        progress.printf(Locale.ROOT, "  %-12s %-16s %-7s %10.1f ms%n", kernel.name(), engine.name(), what, output.kernelMs());
        return output.kernelMs();
    }
}
