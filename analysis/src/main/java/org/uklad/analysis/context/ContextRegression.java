package org.uklad.analysis.context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Schools' external results regressed on their social context: who "beats its context".
 *
 * <p>Ordinary least squares with intercept, {@code y = β₀ + Σ β_j x_j + e}, by QR decomposition
 * (R {@code lm(y ~ x)}). The residual {@code e_g = y_g − ŷ_g} is the school's <em>resilience</em>:
 * positive when it does better than schools in similar conditions (cf. HSE studies of resilient
 * schools; Pinskaya, Kosaretsky et al., 2019). Schools with a NaN result or context are left out.
 *
 * <p>Partners: for a school with low results, the candidates are the schools whose result is at
 * least {@code highResult}; they are ordered by Euclidean distance between standardized context
 * vectors (each context variable divided by its sample SD over the fitted schools), nearest
 * first, ties by key.
 *
 * <p>Reference: Draper, N. R. &amp; Smith, H. (1998). <i>Applied regression analysis</i>, 3rd ed.
 */
public final class ContextRegression {

    private final List<String> keys;
    private final double[][] x;
    private final double[] y;
    private final double[] beta;
    private final double[] residuals;
    private final double rSquared;
    private final double[] sd;

    private ContextRegression(List<String> keys, double[][] x, double[] y, double[] beta, double[] residuals,
            double rSquared, double[] sd) {
        this.keys = keys;
        this.x = x;
        this.y = y;
        this.beta = beta;
        this.residuals = residuals;
        this.rSquared = rSquared;
        this.sd = sd;
    }

    /**
     * Fits results on context.
     *
     * @param results each school's external result (e.g. mean exam score)
     * @param context each school's context variables (e.g. the context index); same length
     */
    public static ContextRegression fit(Map<String, Double> results, Map<String, double[]> context) {
        List<String> keys = new ArrayList<>();
        for (String k : results.keySet()) {
            double[] c = context.get(k);
            if (c != null && !Double.isNaN(results.get(k)) && java.util.Arrays.stream(c).noneMatch(Double::isNaN)) {
                keys.add(k);
            }
        }
        int n = keys.size();
        if (n == 0) {
            throw new IllegalArgumentException("no school has both a result and a context");
        }
        int p = context.get(keys.get(0)).length;
        if (n < p + 2) {
            throw new IllegalArgumentException("need at least " + (p + 2) + " schools, have " + n);
        }
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = context.get(keys.get(i)).clone();
            y[i] = results.get(keys.get(i));
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        double[] res = ols.estimateResiduals();
        double r2 = ols.calculateRSquared();
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j];
            }
            m /= n;
            double ss = 0;
            for (double[] r : x) {
                ss += (r[j] - m) * (r[j] - m);
            }
            sd[j] = Math.sqrt(ss / (n - 1));
        }
        return new ContextRegression(List.copyOf(keys), x, y, beta, res, r2, sd);
    }

    /** @return coefficients {@code β₀, β₁, ...} (intercept first), as {@code coef(lm(...))} */
    public double[] coefficients() {
        return beta.clone();
    }

    /** @return R² */
    public double rSquared() {
        return rSquared;
    }

    /** @return each fitted school's residual (resilience), as {@code residuals(lm(...))} */
    public Map<String, Double> resilience() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), residuals[i]);
        }
        return out;
    }

    /** @return the predicted result of each fitted school */
    public Map<String, Double> predicted() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), y[i] - residuals[i]);
        }
        return out;
    }

    /**
     * Suggested partner schools for {@code school}: schools with result at least
     * {@code highResult}, nearest context first.
     *
     * @param limit at most this many
     */
    public List<String> suggestPartners(String school, double highResult, int limit) {
        int self = keys.indexOf(school);
        if (self < 0) {
            throw new IllegalArgumentException("unknown school or school without data: " + school);
        }
        List<Integer> cand = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (i != self && y[i] >= highResult) {
                cand.add(i);
            }
        }
        cand.sort(Comparator.<Integer>comparingDouble(i -> contextDistance(self, i)).thenComparing(keys::get));
        return cand.stream().limit(limit).map(keys::get).toList();
    }

    /** Euclidean distance of two fitted schools' standardized context vectors. */
    private double contextDistance(int a, int b) {
        double s = 0;
        for (int j = 0; j < sd.length; j++) {
            double d = (x[a][j] - x[b][j]) / (sd[j] > 0 ? sd[j] : 1);
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
