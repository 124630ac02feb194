package org.uklad.analysis;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Descriptive statistics of one group: size, mean, standard deviation, 95% confidence interval of
 * the mean and median.
 *
 * <ul>
 *   <li>mean {@code m = Σx / n};
 *   <li>sample standard deviation {@code s = sqrt(Σ(x − m)² / (n − 1))} (R {@code sd});
 *   <li>confidence interval {@code m ± t(0.975; n − 1) · s / √n} (R {@code t.test(x)$conf.int});
 *   <li>median as R {@code median}: the middle value, or the mean of the two middle values when
 *       {@code n} is even.
 * </ul>
 *
 * <p>Edge cases: {@code n = 0} gives NaN everywhere; {@code n = 1} gives the mean and median with
 * NaN standard deviation and interval.
 *
 * @param n number of non-missing values
 * @param mean arithmetic mean
 * @param sd sample standard deviation
 * @param ciLower lower bound of the 95% confidence interval of the mean
 * @param ciUpper upper bound of the 95% confidence interval of the mean
 * @param median median
 */
public record Descriptives(long n, double mean, double sd, double ciLower, double ciUpper, double median) {

    /** Coverage of the reported confidence intervals. */
    public static final double CONFIDENCE = 0.95;

    /** Descriptives of the non-NaN values of {@code x}. */
    public static Descriptives of(double[] x) {
        return ScoreDistribution.of(x).descriptives();
    }

    /**
     * Builds descriptives from a mean, a sample SD and a median; the interval uses Student's t.
     */
    public static Descriptives fromMoments(long n, double mean, double sd, double median) {
        if (n == 0) {
            return new Descriptives(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        if (n == 1) {
            return new Descriptives(1, mean, Double.NaN, Double.NaN, Double.NaN, median);
        }
        double half = tQuantile(0.5 + CONFIDENCE / 2, n - 1) * sd / Math.sqrt(n);
        return new Descriptives(n, mean, sd, mean - half, mean + half, median);
    }

    /**
     * The same statistics after the linear map {@code x ↦ a + b·x} with {@code b > 0} (for example
     * rescaling a score to 0–100).
     */
    public Descriptives linear(double a, double b) {
        if (!(b > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + b);
        }
        return new Descriptives(n, a + b * mean, b * sd, a + b * ciLower, a + b * ciUpper, a + b * median);
    }

    /** Quantile of Student's t distribution with {@code df} degrees of freedom. */
    public static double tQuantile(double p, double df) {
        return new TDistribution(null, df, 1e-12).inverseCumulativeProbability(p);
    }
}
