package dev.kiln.bench;

import java.util.List;
import java.util.Locale;

/**
 * Compares engines on the WASI kernels of {@code ../shared/bench}: every kernel runs on every
 * engine in this one JVM, interleaved, with warm-up runs first; the time is the kernel's own
 * {@code kernel_ms}. Prints the median per engine and the ratios. A wrong checksum stops the run
 * with exit status 1.
 *
 * <p>Run it with {@code bench/run-kernels.sh}; {@link BenchOptions#USAGE} lists the options.
 */
public final class KernelBench {

    private KernelBench() {}

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("KernelBench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            System.out.print(run(options).format());
        } catch (RuntimeException e) {
            System.err.println();
            System.err.println("KernelBench FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Measures every selected kernel and returns the filled table. */
    public static ComparisonTable run(BenchOptions options) {
        List<Kernel> kernels = KernelCatalog.select(KernelCatalog.load(options.benchDir(), options.size()), options.kernels());
        List<WasiEngine> engines = options.engines().stream().map(Engines::byName).toList();
        System.err.printf(Locale.ROOT, "%d kernel(s), size %s, %d warm-up + at least %d measured runs (and %d ms) per engine, %s, %s%n",
                kernels.size(), options.size().label(), options.warmups(), options.runs(), options.minMillis(),
                engines.stream().map(WasiEngine::name).toList(), jvm());
        KernelComparison comparison = new KernelComparison(engines, options.warmups(), options.runs(), options.minMillis(),
                System.err);
        ComparisonTable table = new ComparisonTable(engines.stream().map(WasiEngine::name).toList(),
                baseline(options.engines()));
        for (Kernel kernel : kernels) {
            table.add(comparison.measure(kernel));
        }
        return table;
    }

    /** The engine the ratios divide by: native code when it runs, else the first engine. */
    static int baseline(List<String> engineNames) {
        return Math.max(0, engineNames.indexOf(NativeEngine.CLI_NAME));
    }

    private static String jvm() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
    }
}
