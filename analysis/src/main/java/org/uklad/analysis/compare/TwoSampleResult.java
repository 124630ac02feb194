package org.uklad.analysis.compare;

/**
 * Comparison of two independent groups (school vs partner school, wave vs earlier wave, role vs
 * role). Differences are first minus second.
 *
 * @param n1 size of the first group
 * @param n2 size of the second group
 * @param mean1 mean of the first group
 * @param mean2 mean of the second group
 * @param difference {@code mean1 − mean2}
 * @param welchT Welch's t statistic
 * @param welchDf Welch–Satterthwaite degrees of freedom
 * @param welchP two-sided p-value of Welch's test
 * @param ciLower lower bound of the Welch 95% interval of the difference
 * @param ciUpper upper bound of the Welch 95% interval of the difference
 * @param mannWhitneyU Mann–Whitney U of the first group (R's {@code W})
 * @param mannWhitneyP two-sided p-value, normal approximation with tie and continuity correction
 * @param cohensD Cohen's d with the pooled SD
 * @param cohensDLower lower 95% bound of d
 * @param cohensDUpper upper 95% bound of d
 * @param hedgesG Hedges' g (bias-corrected d)
 * @param hedgesGLower lower 95% bound of g
 * @param hedgesGUpper upper 95% bound of g
 * @param cliffsDelta Cliff's delta {@code P(X > Y) − P(X < Y)}
 */
public record TwoSampleResult(
        long n1, long n2, double mean1, double mean2, double difference,
        double welchT, double welchDf, double welchP, double ciLower, double ciUpper,
        double mannWhitneyU, double mannWhitneyP,
        double cohensD, double cohensDLower, double cohensDUpper,
        double hedgesG, double hedgesGLower, double hedgesGUpper,
        double cliffsDelta) {
}
