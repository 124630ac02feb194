package org.uklad.analysis.context;

import java.util.LinkedHashMap;
import java.util.Map;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;

/**
 * One-pass family social-context index of schools from the parents' context block.
 *
 * <p>The context items (parents' education, books at home, family resources, ...) are oriented so
 * that a higher value means a more advantaged family. With {@code m_j} and {@code s_j} the mean
 * and sample SD of item {@code j} over all parents (pooled over schools) and {@code x̄_{g,j}} the
 * school's mean answer to item {@code j}, the school's index is the average standardized item
 * mean {@code CI_g = (1/J') Σ_j (x̄_{g,j} − m_j)/s_j} over the {@code J'} items the school's
 * parents answered (items with zero pooled variance are skipped). It is 0 for an average school
 * and in pooled person-level SD units, like the PISA ESCS index (OECD, PISA Technical Report,
 * 2017, ch. 16), but with equal item weights instead of principal-component weights. In R:
 * {@code Z <- scale(items)} and then {@code mean(colMeans(Z[school == g, ], na.rm = TRUE))} (the
 * standardization of {@code scale} per column over available cases).
 *
 * <p>A school with fewer responding parents (rows with at least one answered item) than the
 * minimum group size is suppressed. Memory: schools × items.
 */
public final class ContextIndexAccumulator {

    private final int[] items;
    private final SuppressionPolicy policy;
    private final Map<String, double[]> schools = new LinkedHashMap<>();
    private final double[] n;
    private final double[] sum;
    private final double[] sumSq;
    private final double[] shift;

    /**
     * @param items positions of the context items in a row (higher = more advantaged)
     */
    public ContextIndexAccumulator(int[] items, SuppressionPolicy policy) {
        this.items = items.clone();
        this.policy = policy;
        int j = items.length;
        n = new double[j];
        sum = new double[j];
        sumSq = new double[j];
        shift = new double[j];
        java.util.Arrays.fill(shift, Double.NaN);
    }

    /** Adds one parent's row (NaN = missing). */
    public void add(String school, double[] row) {
        int j = items.length;
        // per school: [rows, n_1..n_J, sum_1..sum_J]
        double[] s = schools.computeIfAbsent(school, x -> new double[1 + 2 * j]);
        boolean any = false;
        for (int i = 0; i < j; i++) {
            double v = row[items[i]];
            if (Double.isNaN(v)) {
                continue;
            }
            any = true;
            if (Double.isNaN(shift[i])) {
                shift[i] = v; // shifted sums keep the variance numerically stable
            }
            double d = v - shift[i];
            n[i]++;
            sum[i] += d;
            sumSq[i] += d * d;
            s[1 + i]++;
            s[1 + j + i] += v;
        }
        if (any) {
            s[0]++;
        }
    }

    /** @return each school's context index, suppressed for small schools */
    public Map<String, Suppressible<Double>> indices() {
        int j = items.length;
        double[] m = new double[j];
        double[] sd = new double[j];
        for (int i = 0; i < j; i++) {
            double md = sum[i] / n[i];
            m[i] = shift[i] + md;
            sd[i] = Math.sqrt((sumSq[i] - n[i] * md * md) / (n[i] - 1));
        }
        Map<String, Suppressible<Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : schools.entrySet()) {
            double[] s = e.getValue();
            out.put(e.getKey(), policy.apply((long) s[0], () -> {
                double total = 0;
                int used = 0;
                for (int i = 0; i < j; i++) {
                    if (s[1 + i] > 0 && sd[i] > 0) {
                        total += (s[1 + j + i] / s[1 + i] - m[i]) / sd[i];
                        used++;
                    }
                }
                return used > 0 ? total / used : Double.NaN;
            }));
        }
        return out;
    }
}
