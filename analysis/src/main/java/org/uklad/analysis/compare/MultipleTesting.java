package org.uklad.analysis.compare;

/**
 * Adjustment of p-values across the constructs of one comparison.
 *
 * <p>Benjamini–Hochberg step-up: with the {@code m} non-missing p-values sorted ascending
 * {@code p₍₁₎ ≤ … ≤ p₍ₘ₎}, {@code p̃₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j)}. NaN stays NaN and does not
 * count in {@code m}. Matches R {@code p.adjust(p, method = "BH")}.
 *
 * <p>Reference: Benjamini, Y. &amp; Hochberg, Y. (1995). Controlling the false discovery rate.
 * <i>JRSS B</i>, 57(1), 289–300.
 */
public final class MultipleTesting {

    private MultipleTesting() {
    }

    /** @return BH-adjusted p-values in the order of {@code p} */
    public static double[] benjaminiHochberg(double[] p) {
        int m = 0;
        for (double v : p) {
            if (!Double.isNaN(v)) {
                if (v < 0 || v > 1) {
                    throw new IllegalArgumentException("p-value outside [0, 1]: " + v);
                }
                m++;
            }
        }
        Integer[] order = new Integer[m];
        int q = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[q++] = i;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[p.length];
        java.util.Arrays.fill(out, Double.NaN);
        double running = 1;
        for (int i = m - 1; i >= 0; i--) {
            double adj = Math.min(1, (double) m / (i + 1) * p[order[i]]);
            running = Math.min(running, adj);
            out[order[i]] = running;
        }
        return out;
    }
}
