package org.uklad.analysis.compare;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;

/**
 * Paired gap with confidence interval, paired t-test and Wilcoxon signed-rank test.
 *
 * <ul>
 *   <li>Differences {@code d = x − y} over pairs where both are present; gap {@code d̄}, SD
 *       {@code s_d}; interval {@code d̄ ± t(0.975; n−1)·s_d/√n}; {@code t = d̄ / (s_d/√n)}. R:
 *       {@code t.test(x, y, paired = TRUE)}.
 *   <li>Signed-rank: zero differences dropped, mid-ranks of {@code |d|},
 *       {@code V = Σ ranks of d > 0}, {@code z = (V − n(n+1)/4 − sign·0.5)/σ},
 *       {@code σ² = n(n+1)(2n+1)/24 − Σ(t³−t)/48}. R:
 *       {@code wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)}. Values are
 *       compared exactly, as R does.
 * </ul>
 *
 * <p>Edge cases: fewer than 2 pairs, or all differences equal, give NaN t and p; no non-zero
 * difference gives NaN signed-rank p.
 *
 * <p>References: Student (1908), <i>Biometrika</i> 6; Wilcoxon, F. (1945), <i>Biometrics
 * Bulletin</i> 1(6).
 */
public final class PairedComparison {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1, 1e-12);

    private PairedComparison() {
    }

    /** Paired comparison, suppressed when there are fewer complete pairs than allowed. */
    public static Suppressible<PairedResult> compare(double[] x, double[] y, SuppressionPolicy policy) {
        PairedResult r = compare(x, y);
        return policy.allows(r.n()) ? Suppressible.shown(r) : Suppressible.suppressed();
    }

    /** Paired comparison of {@code x} and {@code y} (same length; pairs with a NaN dropped). */
    public static PairedResult compare(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = 0;
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                d[n++] = x[i] - y[i];
            }
        }
        return of(ScoreDistribution.of(java.util.Arrays.copyOf(d, n)));
    }

    /** Paired comparison from the frequency table of the differences, suppressed as {@link #compare(double[], double[], SuppressionPolicy)}. */
    public static Suppressible<PairedResult> of(ScoreDistribution differences, SuppressionPolicy policy) {
        PairedResult r = of(differences);
        return policy.allows(r.n()) ? Suppressible.shown(r) : Suppressible.suppressed();
    }

    /**
     * Paired comparison from the frequency table of the differences {@code x − y}: every figure
     * depends on the differences only through their distinct values and counts (the signed-rank
     * test through the ranks of |d|, which a table gives with their ties), so rows need not be kept.
     * All differences equal (one distinct value) is a zero SD exactly, whatever the rounding of the
     * mean.
     */
    public static PairedResult of(ScoreDistribution differences) {
        long n = differences.n();
        double[] values = differences.values();
        long[] counts = differences.counts();
        double m = differences.mean();
        double sd = values.length <= 1 ? (n >= 2 ? 0 : Double.NaN)
                : Math.sqrt(differences.sumSquaredDeviations() / (n - 1));
        double se = sd / Math.sqrt(n);
        double t = m / se;
        double p = Double.NaN;
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n >= 2 && sd > 0) {
            TDistribution td = new TDistribution(null, n - 1, 1e-12);
            p = 2 * td.cumulativeProbability(-Math.abs(t));
            double q = td.inverseCumulativeProbability(0.975);
            lo = m - q * se;
            hi = m + q * se;
        } else {
            t = Double.NaN;
        }
        // the non-zero differences by |d| ascending; d and −d share a rank (a tie of |d|)
        int cells = 0;
        double[] abs = new double[values.length];
        long[] positive = new long[values.length];
        long[] all = new long[values.length];
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        for (int i : order) {
            if (values[i] == 0) {
                continue;
            }
            double a = Math.abs(values[i]);
            if (cells == 0 || abs[cells - 1] != a) {
                abs[cells++] = a;
            }
            all[cells - 1] += counts[i];
            if (values[i] > 0) {
                positive[cells - 1] += counts[i];
            }
        }
        long nz = 0;
        double v = 0;
        double tieSum = 0;
        for (int c = 0; c < cells; c++) {
            double mid = (2 * nz + all[c] + 1) / 2.0; // mid-rank of ranks nz+1 .. nz+all[c]
            v += positive[c] * mid;
            double tie = all[c];
            tieSum += tie * tie * tie - tie;
            nz += all[c];
        }
        double pw = Double.NaN;
        if (nz > 0) {
            double z = v - nz * (nz + 1) / 4.0;
            double sigma = Math.sqrt(nz * (nz + 1.0) * (2 * nz + 1) / 24 - tieSum / 48);
            double zc = (z - Math.signum(z) * 0.5) / sigma;
            if (sigma > 0) {
                pw = Math.min(1, 2 * Math.min(NORMAL.cumulativeProbability(zc), 1 - NORMAL.cumulativeProbability(zc)));
            }
        }
        return new PairedResult(n, m, sd, lo, hi, t, n - 1, p, v, nz, pw);
    }
}
