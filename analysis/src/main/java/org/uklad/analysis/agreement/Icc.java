package org.uklad.analysis.agreement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Intraclass correlations ICC(1) and ICC(2) from a one-way random-effects ANOVA of a score on
 * group membership.
 *
 * <p>With {@code G} non-empty groups, {@code N} scores, {@code MSB} and {@code MSW} the between-
 * and within-group mean squares and {@code k̄ = N/G}:
 * {@code ICC(1) = (MSB − MSW) / (MSB + (k̄ − 1)·MSW)} and {@code ICC(2) = (MSB − MSW) / MSB}.
 * ICC(1) is the share of score variance due to the group; ICC(2) the reliability of group means.
 * Matches {@code multilevel::ICC1(aov(y ~ as.factor(grp)))} and {@code ICC2(...)}, which use the
 * mean group size {@code k̄} even for unequal groups.
 *
 * <p>Edge cases: fewer than 2 groups or no within-group degrees of freedom give NaN.
 *
 * <p>References: Bliese, P. D. (2000). Within-group agreement, non-independence, and reliability.
 * In Klein &amp; Kozlowski (Eds.), <i>Multilevel theory, research, and methods in
 * organizations</i>. Bartko, J. J. (1976). On various intraclass correlation reliability
 * coefficients. <i>Psychological Bulletin</i>, 83, 762–765.
 *
 * @param groups number of non-empty groups G
 * @param n number of scores N
 * @param msb between-group mean square
 * @param msw within-group mean square
 * @param icc1 ICC(1)
 * @param icc2 ICC(2)
 */
public record Icc(int groups, long n, double msb, double msw, double icc1, double icc2) {

    /**
     * ICC from per-group sufficient statistics.
     *
     * @param sizes number of scores per group (empty groups are ignored)
     * @param means mean score per group
     * @param ssWithin sum of squared deviations from the group mean, per group
     */
    public static Icc fromGroups(long[] sizes, double[] means, double[] ssWithin) {
        long n = 0;
        double grand = 0;
        int g = 0;
        double ssw = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > 0) {
                g++;
                n += sizes[i];
                grand += sizes[i] * means[i];
                ssw += ssWithin[i];
            }
        }
        if (g < 2 || n - g < 1) {
            return new Icc(g, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        grand /= n;
        double ssb = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > 0) {
                ssb += sizes[i] * (means[i] - grand) * (means[i] - grand);
            }
        }
        double msb = ssb / (g - 1);
        double msw = ssw / (n - g);
        double k = (double) n / g;
        return new Icc(g, n, msb, msw, (msb - msw) / (msb + (k - 1) * msw), (msb - msw) / msb);
    }

    /** ICC of scores {@code y} (NaN dropped) in groups {@code group}. */
    public static Icc of(double[] y, String[] group) {
        if (y.length != group.length) {
            throw new IllegalArgumentException("y and group differ in length");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<Integer, double[]> acc = new HashMap<>();
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) {
                continue;
            }
            int gi = index.computeIfAbsent(group[i], s -> index.size());
            double[] a = acc.computeIfAbsent(gi, x -> new double[2]);
            a[0]++;
            a[1] += y[i];
        }
        int g = index.size();
        long[] sizes = new long[g];
        double[] means = new double[g];
        double[] ss = new double[g];
        for (int i = 0; i < g; i++) {
            sizes[i] = (long) acc.get(i)[0];
            means[i] = acc.get(i)[1] / sizes[i];
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                int gi = index.get(group[i]);
                ss[gi] += (y[i] - means[gi]) * (y[i] - means[gi]);
            }
        }
        return fromGroups(sizes, means, ss);
    }
}
