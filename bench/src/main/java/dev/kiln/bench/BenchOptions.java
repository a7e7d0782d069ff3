package dev.kiln.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The kernel runner's command line.
 *
 * @param size the size class to run
 * @param warmups unmeasured runs per kernel and engine
 * @param runs measured runs per kernel and engine, at least
 * @param minMillis keep measuring until each engine's measured runs add up to this (short kernels
 *     are noisy: a 10 ms kernel needs dozens of runs for a stable median), up to {@link #MAX_RUNS}
 * @param engines engine names, the first being the one the others are compared with
 * @param benchDir the directory holding {@code kernels.tsv}, {@code checksums.tsv} and {@code wasm/}
 * @param kernels the kernels to run; empty for all
 */
public record BenchOptions(SizeClass size, int warmups, int runs, int minMillis, List<String> engines,
        Path benchDir, List<String> kernels) {

    /** The most measured runs per kernel and engine that {@code --min-ms} may ask for. */
    public static final int MAX_RUNS = 200;

    public static final String USAGE = """
            usage: KernelBench [--size small|default] [--warmup N] [--runs M] [--min-ms T]
                               [--engines kiln,chicory] [--bench-dir DIR] [KERNEL...]
              --size       size class of kernels.tsv (default: small)
              --warmup     unmeasured runs per kernel and engine (default: 2)
              --runs       measured runs per kernel and engine; the median is reported (default: 5)
              --min-ms     more runs, until each engine's measured runs add up to T ms (at most 200
                           runs; default: 500), so short kernels get a stable median
              --engines    comma-separated, of kiln, kiln-compiler, chicory, chicory-compiler and
                           native; ratios are other/native when native runs, else other/first
                           (default: kiln,chicory)
              --bench-dir  kernels directory (default: $kiln.shared/bench, else ../shared/bench)
              KERNEL...    kernels to run (default: all of kernels.tsv)""";

    /** @throws IllegalArgumentException on an unknown option or a bad value */
    public static BenchOptions parse(String... args) {
        SizeClass size = SizeClass.SMALL;
        int warmups = 2;
        int runs = 5;
        int minMillis = 500;
        List<String> engines = Engines.DEFAULT;
        Path benchDir = KernelCatalog.defaultDirectory();
        List<String> kernels = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--size" -> size = SizeClass.fromLabel(value(args, ++i, arg));
                case "--warmup" -> warmups = count(value(args, ++i, arg), arg, 0);
                case "--runs" -> runs = count(value(args, ++i, arg), arg, 1);
                case "--min-ms" -> minMillis = count(value(args, ++i, arg), arg, 0);
                case "--engines" -> engines = engineNames(value(args, ++i, arg));
                case "--bench-dir" -> benchDir = Path.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    kernels.add(arg);
                }
            }
        }
        return new BenchOptions(size, warmups, runs, minMillis, List.copyOf(engines), benchDir,
                List.copyOf(kernels));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static List<String> engineNames(String commaSeparated) {
        List<String> names = Arrays.asList(commaSeparated.split(","));
        for (String name : names) {
            if (!Engines.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown engine '" + name + "'; known: " + Engines.NAMES);
            }
        }
        return names;
    }

    private static int count(String text, String option, int min) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number >= " + min + ", got '" + text + "'");
    }
}
