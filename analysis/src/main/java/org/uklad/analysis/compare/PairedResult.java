package org.uklad.analysis.compare;

/**
 * A paired comparison (e.g. "as now" minus "ideal"). Differences are first minus second.
 *
 * @param n number of complete pairs
 * @param meanDifference mean of the differences (the gap)
 * @param sdDifference sample SD of the differences
 * @param ciLower lower bound of the 95% t interval of the mean difference
 * @param ciUpper upper bound of the 95% t interval of the mean difference
 * @param t paired t statistic
 * @param df degrees of freedom {@code n − 1}
 * @param tP two-sided p-value of the paired t-test
 * @param wilcoxonV signed-rank statistic V (sum of ranks of positive differences)
 * @param wilcoxonNonZero number of non-zero differences used by the signed-rank test
 * @param wilcoxonP two-sided p-value, normal approximation with tie and continuity correction
 */
public record PairedResult(
        long n, double meanDifference, double sdDifference, double ciLower, double ciUpper,
        double t, double df, double tP, double wilcoxonV, long wilcoxonNonZero, double wilcoxonP) {
}
