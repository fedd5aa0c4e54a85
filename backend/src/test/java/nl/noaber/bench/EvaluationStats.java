package nl.noaber.bench;

import java.util.Arrays;

/** The small statistics of the matching evaluation: median, mean and the Gini coefficient. Pure. */
public final class EvaluationStats {
    private EvaluationStats() {}

    /** The median (the mean of the two middle values for an even count); NaN for no values. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The arithmetic mean; NaN for no values. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * The Gini coefficient of non-negative counts (zeros included): 0 when everyone has the same,
     * towards 1 when one has everything (exactly (n − 1) / n for one of n). 0 for no counts or a
     * total of 0. Computed as Σᵢ (2i − n − 1) xᵢ / (n Σ x) over the values sorted ascending, i = 1..n,
     * which equals the mean absolute difference over all ordered pairs divided by twice the mean.
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static double gini(long[] counts) {
        int n = counts.length;
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        if (n > 0 && sorted[0] < 0) {
            throw new IllegalArgumentException("counts must be >= 0, found " + sorted[0]);
        }
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            total += sorted[i];
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }
        return total == 0 ? 0 : weighted / (n * total);
    }
}
