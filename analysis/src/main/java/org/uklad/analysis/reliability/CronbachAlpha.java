package org.uklad.analysis.reliability;

/**
 * Cronbach's alpha and its companions on complete cases.
 *
 * <p>With {@code J} items, item covariance matrix {@code C} (denominator {@code n − 1}) and
 * {@code V = Σ_ij C_ij} the variance of the sum score:
 *
 * <ul>
 *   <li>raw alpha {@code α = J/(J−1) · (1 − Σ_i C_ii / V)};
 *   <li>standardized alpha {@code α_s = J·r̄ / (1 + (J−1)·r̄)}, {@code r̄} the mean off-diagonal
 *       inter-item correlation;
 *   <li>corrected item-total correlation of item {@code i}: {@code cor(x_i, T − x_i)} with
 *       {@code cov = Σ_j C_ij − C_ii} and {@code var(T − x_i) = V − 2Σ_j C_ij + C_ii};
 *   <li>alpha if item deleted: raw alpha of the other {@code J − 1} items.
 * </ul>
 *
 * <p>These equal {@code psych::alpha(na.omit(x))} ({@code raw_alpha}, {@code std.alpha},
 * {@code r.drop}, {@code alpha.drop$raw_alpha}) and SPSS RELIABILITY with listwise deletion.
 *
 * <p>Edge cases: fewer than 2 items or fewer than 2 complete cases give NaN; a zero-variance sum
 * score gives NaN alpha; a constant item makes the standardized alpha and its own item-total
 * correlation NaN (correlation undefined). Identical items give alpha 1.
 *
 * <p>Reference: Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
 * <i>Psychometrika</i>, 16(3), 297–334. Revelle, W. {@code psych} package, function {@code alpha}.
 */
public final class CronbachAlpha {

    private CronbachAlpha() {
    }

    /**
     * Alpha from raw data: rows are persons, columns items; rows with any NaN are dropped
     * (listwise deletion, as {@code na.omit}).
     */
    public static AlphaResult of(double[][] data) {
        if (data.length == 0) {
            return fromCovariance(0, new double[0][0]);
        }
        int k = data[0].length;
        double[] sum = new double[k];
        long n = 0;
        for (double[] row : data) {
            if (complete(row)) {
                n++;
                for (int i = 0; i < k; i++) {
                    sum[i] += row[i];
                }
            }
        }
        double[][] cov = new double[k][k];
        if (n > 0) {
            double[] mean = new double[k];
            for (int i = 0; i < k; i++) {
                mean[i] = sum[i] / n;
            }
            for (double[] row : data) {
                if (complete(row)) {
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j <= i; j++) {
                            cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]);
                        }
                    }
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i][j] /= (n - 1);
                    cov[j][i] = cov[i][j];
                }
            }
        }
        return fromCovariance(n, cov);
    }

    private static boolean complete(double[] row) {
        for (double v : row) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Alpha from the item covariance matrix of {@code n} complete cases (the sufficient statistic
     * a streaming accumulator keeps).
     */
    public static AlphaResult fromCovariance(long n, double[][] cov) {
        int k = cov.length;
        double[] itemTotal = new double[k];
        double[] ifDeleted = new double[k];
        if (k < 2 || n < 2) {
            java.util.Arrays.fill(itemTotal, Double.NaN);
            java.util.Arrays.fill(ifDeleted, Double.NaN);
            return new AlphaResult(n, Double.NaN, Double.NaN, itemTotal, ifDeleted);
        }
        double total = 0;
        double sumVar = 0;
        double[] rowSum = new double[k];
        for (int i = 0; i < k; i++) {
            sumVar += cov[i][i];
            for (int j = 0; j < k; j++) {
                rowSum[i] += cov[i][j];
            }
            total += rowSum[i];
        }
        double alpha = raw(k, sumVar, total);
        double corrSum = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    corrSum += cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
                }
            }
        }
        double rbar = corrSum / (k * (double) (k - 1));
        double standardized = k * rbar / (1 + (k - 1) * rbar);
        for (int i = 0; i < k; i++) {
            double covRest = rowSum[i] - cov[i][i];
            double varRest = total - 2 * rowSum[i] + cov[i][i];
            itemTotal[i] = covRest / Math.sqrt(cov[i][i] * varRest);
            ifDeleted[i] = k > 2 ? raw(k - 1, sumVar - cov[i][i], varRest) : Double.NaN;
        }
        return new AlphaResult(n, alpha, standardized, itemTotal, ifDeleted);
    }

    private static double raw(int k, double sumVar, double total) {
        if (!(total > 0)) {
            return Double.NaN;
        }
        return k / (k - 1.0) * (1 - sumVar / total);
    }
}
