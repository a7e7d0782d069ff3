package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table: per kernel the median {@code kernel_ms} of every engine and, for every engine
 * after the first, the ratio {@code other / first} (how many times faster the first engine is),
 * closed by the geometric mean of each ratio column.
 */
public final class ComparisonTable {

    private final List<String> engines;
    private final List<KernelResult> results = new ArrayList<>();

    /** @param engines the engine names, in the order of {@link KernelResult#samplesMs()} */
    public ComparisonTable(List<String> engines) {
        this.engines = List.copyOf(engines);
    }

    public void add(KernelResult result) {
        results.add(result);
    }

    /** The ratio {@code engine / first} for one kernel: above 1 when the first engine is faster. */
    static double ratio(KernelResult result, int engine) {
        return result.medianMs(engine) / result.medianMs(0);
    }

    /** The table as aligned text, one kernel per line. */
    public String format() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("kernel", "size"));
        engines.forEach(e -> header.add(e + " ms"));
        ratioColumns().forEach(e -> header.add(engines.get(e) + "/" + engines.getFirst()));
        line(out, header);
        for (KernelResult result : results) {
            List<String> cells = new ArrayList<>(List.of(result.kernel().name(), result.kernel().size()));
            for (int e = 0; e < engines.size(); e++) {
                cells.add(String.format(Locale.ROOT, "%.1f", result.medianMs(e)));
            }
            ratioColumns().forEach(e -> cells.add(times(ratio(result, e))));
            line(out, cells);
        }
        if (!results.isEmpty() && engines.size() > 1) {
            List<String> cells = new ArrayList<>(List.of("geomean", ""));
            engines.forEach(e -> cells.add(""));
            ratioColumns().forEach(e -> cells.add(times(Stats.geometricMean(results.stream().map(r -> ratio(r, e)).toList()))));
            line(out, cells);
        }
        return out.toString();
    }

    private List<Integer> ratioColumns() {
        List<Integer> columns = new ArrayList<>();
        for (int e = 1; e < engines.size(); e++) {
            columns.add(e);
        }
        return columns;
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append(String.format(Locale.ROOT, "%-12s", cells.get(0)));
        out.append(String.format(Locale.ROOT, "%10s", cells.get(1)));
        for (String cell : cells.subList(2, cells.size())) {
            out.append(String.format(Locale.ROOT, "%16s", cell));
        }
        out.append(System.lineSeparator());
    }
}
