package org.uklad.analysis;

import java.util.Arrays;

/**
 * A frequency table of values: the distinct values in ascending order and how often each occurs.
 * Person scale scores on a Likert scale take few distinct values (a mean of at most J integers), so
 * a group's scores are kept exactly in bounded memory, and the median is exact.
 */
public final class ScoreDistribution {

    private final double[] values;
    private final long[] counts;
    private final long n;

    private ScoreDistribution(double[] values, long[] counts) {
        this.values = values;
        this.counts = counts;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        this.n = total;
    }

    /** Frequency table of the non-NaN values of {@code x}. */
    public static ScoreDistribution of(double[] x) {
        double[] sorted = Arrays.stream(x).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int distinct = 0;
        double[] vals = new double[sorted.length];
        long[] cnts = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            if (distinct > 0 && vals[distinct - 1] == sorted[i]) {
                cnts[distinct - 1]++;
            } else {
                vals[distinct] = sorted[i];
                cnts[distinct++] = 1;
            }
        }
        return new ScoreDistribution(Arrays.copyOf(vals, distinct), Arrays.copyOf(cnts, distinct));
    }

    /**
     * Frequency table from parallel arrays of values and counts (any order; zero counts dropped;
     * equal values merged).
     */
    public static ScoreDistribution of(double[] values, long[] counts) {
        if (values.length != counts.length) {
            throw new IllegalArgumentException("values and counts differ in length");
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] vals = new double[values.length];
        long[] cnts = new long[values.length];
        int distinct = 0;
        for (int idx : order) {
            if (counts[idx] < 0 || Double.isNaN(values[idx])) {
                throw new IllegalArgumentException("negative count or NaN value");
            }
            if (counts[idx] == 0) {
                continue;
            }
            if (distinct > 0 && vals[distinct - 1] == values[idx]) {
                cnts[distinct - 1] += counts[idx];
            } else {
                vals[distinct] = values[idx];
                cnts[distinct++] = counts[idx];
            }
        }
        return new ScoreDistribution(Arrays.copyOf(vals, distinct), Arrays.copyOf(cnts, distinct));
    }

    /** @return number of values */
    public long n() {
        return n;
    }

    /** @return the distinct values, ascending (a copy) */
    public double[] values() {
        return values.clone();
    }

    /** @return the count of each distinct value (a copy) */
    public long[] counts() {
        return counts.clone();
    }

    /** @return all values, ascending, each repeated by its count */
    public double[] expand() {
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("too many values to expand: " + n);
        }
        double[] out = new double[(int) n];
        int p = 0;
        for (int i = 0; i < values.length; i++) {
            for (long c = 0; c < counts[i]; c++) {
                out[p++] = values[i];
            }
        }
        return out;
    }

    /** @return arithmetic mean, NaN when empty */
    public double mean() {
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += counts[i] * values[i];
        }
        return s / n;
    }

    /** @return sum of squared deviations from the mean (two-pass, numerically stable) */
    public double sumSquaredDeviations() {
        double m = mean();
        double ss = 0;
        for (int i = 0; i < values.length; i++) {
            double d = values[i] - m;
            ss += counts[i] * d * d;
        }
        return ss;
    }

    /** @return the median as R {@code median}, NaN when empty */
    public double median() {
        if (n == 0) {
            return Double.NaN;
        }
        return (n % 2 == 1) ? valueAtRank((n + 1) / 2) : (valueAtRank(n / 2) + valueAtRank(n / 2 + 1)) / 2;
    }

    /** @return the value of 1-based rank {@code r} in ascending order */
    private double valueAtRank(long r) {
        long cum = 0;
        for (int i = 0; i < values.length; i++) {
            cum += counts[i];
            if (cum >= r) {
                return values[i];
            }
        }
        throw new IllegalStateException();
    }

    /** @return descriptives (n, mean, SD, 95% CI, median) of these values */
    public Descriptives descriptives() {
        double sd = n > 1 ? Math.sqrt(sumSquaredDeviations() / (n - 1)) : Double.NaN;
        return Descriptives.fromMoments(n, mean(), sd, median());
    }
}
