package dev.kiln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table: per kernel the median {@code kernel_ms} of every engine and, for every engine
 * but the baseline, the ratio {@code engine / baseline}, closed by the geometric mean of each
 * ratio column. The baseline is native code when it was measured (how far each engine is from
 * it), else the first engine (how many times faster the first engine is).
 */
public final class ComparisonTable {

    /** Spaces between columns, so that no two cells ever run together. */
    private static final int GAP = 2;

    private final List<String> engines;
    private final int baseline;
    private final List<KernelResult> results = new ArrayList<>();

    /**
     * @param engines the engine names, in the order of {@link KernelResult#samplesMs()}
     * @param baseline the index of the engine the ratios divide by
     */
    public ComparisonTable(List<String> engines, int baseline) {
        if (baseline < 0 || baseline >= engines.size()) {
            throw new IllegalArgumentException("baseline " + baseline + " is not one of " + engines);
        }
        this.engines = List.copyOf(engines);
        this.baseline = baseline;
    }

    public void add(KernelResult result) {
        results.add(result);
    }

    /** The ratio {@code engine / baseline} for one kernel: above 1 when the baseline is faster. */
    double ratio(KernelResult result, int engine) {
        return result.medianMs(engine) / result.medianMs(baseline);
    }

    /** The table as aligned text, one kernel per line. */
    public String format() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(header());
        results.forEach(r -> rows.add(row(r)));
        if (!results.isEmpty() && engines.size() > 1) {
            rows.add(geomean());
        }
        int[] widths = widths(rows);
        StringBuilder out = new StringBuilder();
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private List<String> header() {
        List<String> cells = new ArrayList<>(List.of("kernel", "size"));
        engines.forEach(e -> cells.add(e + " ms"));
        ratioColumns().forEach(e -> cells.add(engines.get(e) + "/" + engines.get(baseline)));
        return cells;
    }

    private List<String> row(KernelResult result) {
        List<String> cells = new ArrayList<>(List.of(result.kernel().name(), result.kernel().size()));
        for (int e = 0; e < engines.size(); e++) {
            cells.add(String.format(Locale.ROOT, "%.1f", result.medianMs(e)));
        }
        ratioColumns().forEach(e -> cells.add(times(ratio(result, e))));
        return cells;
    }

    private List<String> geomean() {
        List<String> cells = new ArrayList<>(List.of("geomean", ""));
        engines.forEach(e -> cells.add(""));
        ratioColumns().forEach(e -> cells.add(times(Stats.geometricMean(results.stream().map(r -> ratio(r, e)).toList()))));
        return cells;
    }

    private List<Integer> ratioColumns() {
        List<Integer> columns = new ArrayList<>();
        for (int e = 0; e < engines.size(); e++) {
            if (e != baseline) {
                columns.add(e);
            }
        }
        return columns;
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static int[] widths(List<List<String>> rows) {
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        return widths;
    }

    /** The kernel name left-aligned, every other cell right-aligned after a gap. */
    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append(String.format(Locale.ROOT, "%-" + widths[0] + "s", cells.getFirst()));
        for (int c = 1; c < cells.size(); c++) {
            out.append(String.format(Locale.ROOT, "%" + (widths[c] + GAP) + "s", cells.get(c)));
        }
        out.append(System.lineSeparator());
    }
}
