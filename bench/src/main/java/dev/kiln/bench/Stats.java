package dev.kiln.bench;

import java.util.Arrays;
import java.util.List;

/** The summary statistics the comparison reports. */
public final class Stats {

    private Stats() {}

    /** The median; the mean of the middle two for an even count. */
    public static double median(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The geometric mean: the right average for ratios (a 2x win and a 2x loss cancel out). */
    public static double geometricMean(List<Double> ratios) {
        if (ratios.isEmpty()) {
            throw new IllegalArgumentException("no ratios");
        }
        double logSum = 0;
        for (double r : ratios) {
            if (!(r > 0)) {
                throw new IllegalArgumentException("ratio must be positive: " + r + " in " + Arrays.toString(ratios.toArray()));
            }
            logSum += Math.log(r);
        }
        return Math.exp(logSum / ratios.size());
    }
}
