package org.uklad.analysis.agreement;

import java.util.Arrays;

/**
 * Within-group agreement indices for a multi-item scale: rWG(J) and the average deviation
 * AD(M)(J).
 *
 * <p><b>rWG(J)</b> (James, Demaree &amp; Wolf, 1984): with {@code s̄²} the mean over the
 * {@code J} items of the within-group item variances (denominator {@code n − 1}) and
 * {@code σ²_EU = (A² − 1)/12} the variance of the uniform null distribution over {@code A}
 * categories, {@code s̄²} is first capped at {@code σ²_EU} (so out-of-range values become 0), then
 * {@code rWG(J) = J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU)}. Perfect agreement gives 1.
 * Matches {@code multilevel::rwg.j(x, grpid, ranvar = (A^2-1)/12)}, which uses complete cases.
 *
 * <p><b>AD(M)(J)</b> (Burke, Finkelstein &amp; Dusig, 1999): for each item the mean absolute
 * deviation of the group's answers from the group's item mean (or median), averaged over items.
 * Matches {@code multilevel::ad.m(x, grpid, type = "mean" | "median")} on complete cases.
 *
 * <p>Edge cases: fewer than 2 complete cases give NaN (as in {@code multilevel}).
 */
public final class Agreement {

    private Agreement() {
    }

    /** Centre for the average deviation. */
    public enum Center {
        /** deviation from the item mean, AD(M) */
        MEAN,
        /** deviation from the item median, AD(Md) */
        MEDIAN
    }

    /** The uniform ("rectangular") null variance {@code (A² − 1)/12} for {@code A} categories. */
    public static double uniformNullVariance(int categories) {
        if (categories < 2) {
            throw new IllegalArgumentException("need at least 2 categories");
        }
        return (categories * (double) categories - 1) / 12.0;
    }

    /**
     * rWG(J) from the item variances of one group.
     *
     * @param itemVariances the within-group sample variance of each item
     * @param nullVariance expected variance under no agreement, e.g. {@link #uniformNullVariance}
     */
    public static double rwgJ(double[] itemVariances, double nullVariance) {
        if (itemVariances.length == 0 || Arrays.stream(itemVariances).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        int j = itemVariances.length;
        double s = Arrays.stream(itemVariances).sum() / j;
        if (s > nullVariance) {
            s = nullVariance;
        }
        double ratio = s / nullVariance;
        return j * (1 - ratio) / (j * (1 - ratio) + ratio);
    }

    /**
     * rWG(J) of one group's raw data (rows persons, columns items; rows with a NaN are dropped).
     */
    public static double rwgJ(double[][] group, int categories) {
        double[][] cc = completeCases(group);
        if (cc.length < 2) {
            return Double.NaN;
        }
        int k = cc[0].length;
        double[] var = new double[k];
        for (int i = 0; i < k; i++) {
            var[i] = variance(column(cc, i));
        }
        return rwgJ(var, uniformNullVariance(categories));
    }

    /**
     * AD(M)(J) of one group's raw data (rows with a NaN are dropped).
     */
    public static double averageDeviation(double[][] group, Center center) {
        double[][] cc = completeCases(group);
        if (cc.length < 2) {
            return Double.NaN;
        }
        int k = cc[0].length;
        double total = 0;
        for (int i = 0; i < k; i++) {
            double[] col = column(cc, i);
            double c = center == Center.MEAN ? Arrays.stream(col).average().orElseThrow() : median(col);
            double s = 0;
            for (double v : col) {
                s += Math.abs(v - c);
            }
            total += s / col.length;
        }
        return total / k;
    }

    /**
     * AD(M) of one item from its category counts: {@code Σ_c n_c |x_c − centre| / n}.
     *
     * @param min value of the first category
     * @param counts count of each category {@code min, min+1, ...}
     */
    public static double averageDeviation(int min, long[] counts, Center center) {
        long n = Arrays.stream(counts).sum();
        if (n < 2) {
            return Double.NaN;
        }
        double c;
        if (center == Center.MEAN) {
            double s = 0;
            for (int i = 0; i < counts.length; i++) {
                s += counts[i] * (double) (min + i);
            }
            c = s / n;
        } else {
            c = n % 2 == 1 ? valueAtRank(min, counts, (n + 1) / 2)
                    : (valueAtRank(min, counts, n / 2) + valueAtRank(min, counts, n / 2 + 1)) / 2.0;
        }
        double s = 0;
        for (int i = 0; i < counts.length; i++) {
            s += counts[i] * Math.abs(min + i - c);
        }
        return s / n;
    }

    private static double valueAtRank(int min, long[] counts, long r) {
        long cum = 0;
        for (int i = 0; i < counts.length; i++) {
            cum += counts[i];
            if (cum >= r) {
                return min + i;
            }
        }
        throw new IllegalStateException();
    }

    static double[][] completeCases(double[][] group) {
        return Arrays.stream(group).filter(r -> Arrays.stream(r).noneMatch(Double::isNaN)).toArray(double[][]::new);
    }

    private static double[] column(double[][] m, int i) {
        double[] c = new double[m.length];
        for (int r = 0; r < m.length; r++) {
            c[r] = m[r][i];
        }
        return c;
    }

    private static double variance(double[] x) {
        double m = Arrays.stream(x).average().orElse(Double.NaN);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
