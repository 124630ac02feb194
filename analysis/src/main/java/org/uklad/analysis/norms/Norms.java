package org.uklad.analysis.norms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Norms of a school's index among the schools of a wave: z-score and percentile rank.
 *
 * <ul>
 *   <li>{@code z = (x − x̄)/s} with the sample SD {@code s} (denominator {@code n − 1}); R:
 *       {@code as.vector(scale(x))};
 *   <li>percentile rank (mid-rank definition) {@code PR = 100 · (#below + ½·#equal)/n}; R:
 *       {@code 100 * (rank(x) - 0.5) / length(x)}.
 * </ul>
 *
 * <p>Schools with a NaN index (e.g. suppressed) are left out of the norm group and of the result.
 * Edge cases: one school gives NaN z and PR 50; equal indices give NaN z.
 *
 * <p>Reference: Crocker, L. &amp; Algina, J. (1986). <i>Introduction to classical and modern test
 * theory</i>, ch. 19 (norms, percentile ranks).
 */
public final class Norms {

    private Norms() {
    }

    /**
     * @param z z-score among the schools
     * @param percentileRank mid-rank percentile, 0–100
     */
    public record Norm(double z, double percentileRank) {
    }

    /** Norms of each school's index, in the map's iteration order. */
    public static Map<String, Norm> of(Map<String, Double> index) {
        double[] x = index.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).toArray();
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        Map<String, Norm> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : index.entrySet()) {
            double v = e.getValue();
            if (Double.isNaN(v)) {
                continue;
            }
            int below = 0;
            int equal = 0;
            for (double w : x) {
                if (w < v) {
                    below++;
                } else if (w == v) {
                    equal++;
                }
            }
            out.put(e.getKey(), new Norm(sd > 0 ? (v - mean) / sd : Double.NaN, 100.0 * (below + 0.5 * equal) / n));
        }
        return out;
    }
}
