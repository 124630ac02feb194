package org.uklad.analysis.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;

/**
 * Two independent samples: Welch's t-test, Mann–Whitney U, Cohen's d and Hedges' g with
 * confidence intervals, Cliff's delta.
 *
 * <ul>
 *   <li><b>Welch</b>: {@code t = (m₁ − m₂)/se}, {@code se = sqrt(s₁²/n₁ + s₂²/n₂)},
 *       {@code df = se⁴ / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1))}, two-sided p and
 *       {@code (m₁ − m₂) ± t(0.975; df)·se}. R: {@code t.test(x, y)}.
 *   <li><b>Mann–Whitney</b>: {@code U = R₁ − n₁(n₁+1)/2} with mid-ranks {@code R₁};
 *       {@code z = (U − n₁n₂/2 − sign·0.5) / σ},
 *       {@code σ² = n₁n₂/12 · ((n₁+n₂+1) − Σ(t³−t)/((n₁+n₂)(n₁+n₂−1)))}. R:
 *       {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)}.
 *   <li><b>Cohen's d</b> {@code = (m₁ − m₂)/s_p},
 *       {@code s_p² = ((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2)}; <b>Hedges' g</b> {@code = J·d} with
 *       the exact correction {@code J = Γ(ν/2) / (sqrt(ν/2)·Γ((ν−1)/2))}, {@code ν = n₁+n₂−2}.
 *       95% intervals by the normal approximation of Hedges &amp; Olkin (1985, eq. 5.14), the
 *       large-sample variance {@code 1/n₁ + 1/n₂ + δ²/(2(n₁+n₂))} evaluated at each estimate:
 *       {@code se(d) = sqrt((n₁+n₂)/(n₁n₂) + d²/(2(n₁+n₂)))},
 *       {@code se(g) = sqrt((n₁+n₂)/(n₁n₂) + g²/(2(n₁+n₂)))}, {@code d ± z₀.₉₇₅·se(d)},
 *       {@code g ± z₀.₉₇₅·se(g)}. R: {@code metafor::escalc("SMD", m1i, sd1i, n1i, m2i, sd2i,
 *       n2i)} for g (its default {@code vtype = "LS"}). Not
 *       Borenstein et al. (2009, ch. 4)'s {@code se(g) = J·se(d)} (metafor's
 *       {@code vtype = "LS2"}), which is narrower by about {@code g²/(2(n₁+n₂))}: the default
 *       a researcher's R gives is the one we print.
 *   <li><b>Cliff's delta</b> {@code = (#(x > y) − #(x < y))/(n₁n₂) = 2U/(n₁n₂) − 1}
 *       (Cliff, 1993).
 * </ul>
 *
 * <p>NaN values are dropped. Edge cases: a group with fewer than 2 values gives NaN for every
 * statistic needing a variance; zero variance in both groups gives NaN t and d.
 *
 * <p>References: Welch, B. L. (1947), <i>Biometrika</i> 34; Mann &amp; Whitney (1947),
 * <i>Ann. Math. Stat.</i> 18; Hedges, L. V. &amp; Olkin, I. (1985), <i>Statistical methods for
 * meta-analysis</i>, Academic Press, ch. 5; Borenstein, M., Hedges, L. V., Higgins, J. P. T. &amp;
 * Rothstein, H. R. (2009), <i>Introduction to meta-analysis</i>, Wiley, ch. 4; Viechtbauer, W.
 * (2010), Conducting meta-analyses in R with the metafor package, <i>J. Stat. Softw.</i> 36(3); Cliff, N. (1993), <i>Psychological Bulletin</i> 114.
 */
public final class TwoSampleComparison {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-12);

    private TwoSampleComparison() {
    }

    /** Compares {@code x} and {@code y}, suppressed when either has fewer values than allowed. */
    public static Suppressible<TwoSampleResult> compare(double[] x, double[] y, SuppressionPolicy policy) {
        double[] a = dropNaN(x);
        double[] b = dropNaN(y);
        return policy.allows(Math.min(a.length, b.length)) ? Suppressible.shown(compare(a, b)) : Suppressible.suppressed();
    }

    /** Compares {@code x} and {@code y} without the small-group rule. */
    public static TwoSampleResult compare(double[] x, double[] y) {
        double[] a = dropNaN(x);
        double[] b = dropNaN(y);
        int n1 = a.length;
        int n2 = b.length;
        double m1 = mean(a);
        double m2 = mean(b);
        double[] all = new double[n1 + n2];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        Ranks r = Ranks.of(all);
        double r1 = 0;
        for (int i = 0; i < n1; i++) {
            r1 += r.ranks[i];
        }
        return finish(n1, n2, m1, m2, variance(a, m1), variance(b, m2), r1, r.tieSum);
    }

    /**
     * Compares two samples given as frequency tables, as {@link #compare(double[], double[])}
     * does on their expanded values, in time proportional to the distinct values rather than to
     * the respondents (a school against the rest of a region's wave: a few dozen distinct scores
     * against 300,000 people). Means and variances come from the tables
     * ({@link ScoreDistribution#mean}, {@link ScoreDistribution#sumSquaredDeviations}); the rank sum
     * of {@code x} from the merged table: a value held {@code t = a + b} times after {@code c}
     * smaller values has the mid-rank {@code c + (t + 1)/2}, so {@code R₁ = Σ a·(c + (t + 1)/2)}
     * and the tie term is {@code Σ (t³ − t)} — the same ranks R's {@code rank} gives. Equal to the
     * array form up to the order of floating-point sums (held to 1e-12 by the tests).
     */
    public static TwoSampleResult compare(ScoreDistribution x, ScoreDistribution y) {
        if (x.n() > Integer.MAX_VALUE || y.n() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("samples too large");
        }
        int n1 = (int) x.n();
        int n2 = (int) y.n();
        double[] xv = x.values();
        long[] xc = x.counts();
        double[] yv = y.values();
        long[] yc = y.counts();
        double r1 = 0;
        double tieSum = 0;
        double below = 0;
        int i = 0;
        int j = 0;
        while (i < xv.length || j < yv.length) {
            double v = j >= yv.length || (i < xv.length && xv[i] <= yv[j]) ? xv[i] : yv[j];
            long a = i < xv.length && xv[i] == v ? xc[i++] : 0;
            long b = j < yv.length && yv[j] == v ? yc[j++] : 0;
            double t = a + b;
            r1 += a * (below + (t + 1) / 2);
            tieSum += t * t * t - t;
            below += t;
        }
        double v1 = n1 < 2 ? Double.NaN : x.sumSquaredDeviations() / (n1 - 1);
        double v2 = n2 < 2 ? Double.NaN : y.sumSquaredDeviations() / (n2 - 1);
        return finish(n1, n2, x.mean(), y.mean(), v1, v2, r1, tieSum);
    }

    /** Every statistic from the samples' sizes, means, variances, the rank sum of the first and the tie term. */
    private static TwoSampleResult finish(int n1, int n2, double m1, double m2, double v1, double v2, double r1,
                                          double tieSum) {
        double diff = m1 - m2;
        double se2 = v1 / n1 + v2 / n2;
        double se = Math.sqrt(se2);
        double df = se2 * se2 / ((v1 / n1) * (v1 / n1) / (n1 - 1) + (v2 / n2) * (v2 / n2) / (n2 - 1));
        double t = diff / se;
        double p = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (Double.isFinite(t) && df > 0) {
            TDistribution td = new TDistribution(null, df, 1e-12);
            p = 2 * td.cumulativeProbability(-Math.abs(t));
            double q = td.inverseCumulativeProbability(0.975);
            lo = diff - q * se;
            hi = diff + q * se;
        }

        double u = r1 - n1 * (n1 + 1) / 2.0;
        double nn = (double) n1 * n2;
        double z = u - nn / 2;
        double sigma = Math.sqrt(nn / 12 * ((n1 + n2 + 1) - tieSum / ((double) (n1 + n2) * (n1 + n2 - 1))));
        double zc = (z - Math.signum(z) * 0.5) / sigma;
        double pU = (n1 > 0 && n2 > 0 && sigma > 0) ? 2 * Math.min(NORMAL.cumulativeProbability(zc),
                1 - NORMAL.cumulativeProbability(zc)) : Double.NaN;
        if (pU > 1) {
            pU = 1;
        }

        int nu = n1 + n2 - 2;
        double sp = Math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / nu);
        double d = diff / sp;
        double seD = Math.sqrt((n1 + n2) / nn + d * d / (2.0 * (n1 + n2)));
        double zq = NORMAL.inverseCumulativeProbability(0.975);
        double j = hedgesCorrection(nu);
        double g = j * d;
        double seG = Math.sqrt((n1 + n2) / nn + g * g / (2.0 * (n1 + n2)));
        double cliff = n1 > 0 && n2 > 0 ? 2 * u / nn - 1 : Double.NaN;
        return new TwoSampleResult(n1, n2, m1, m2, diff, t, df, p, lo, hi, u, pU,
                d, d - zq * seD, d + zq * seD, g, g - zq * seG, g + zq * seG, cliff);
    }

    /**
     * Hedges' exact small-sample correction {@code J(ν) = Γ(ν/2) / (sqrt(ν/2)·Γ((ν−1)/2))}; NaN
     * for {@code ν < 2}.
     */
    public static double hedgesCorrection(int nu) {
        if (nu < 2) {
            return Double.NaN;
        }
        return Math.exp(Gamma.logGamma(nu / 2.0) - 0.5 * Math.log(nu / 2.0) - Gamma.logGamma((nu - 1) / 2.0));
    }

    static double[] dropNaN(double[] x) {
        return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    static double variance(double[] x, double m) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
