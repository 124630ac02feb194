package org.uklad.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.scale.ScaleDefinition;

/**
 * "Real vs ideal": each respondent rates every item twice, as the school is now and as the ideal
 * school would be. Per item and per scale the gap real − ideal is compared with
 * {@link PairedComparison} (paired t-test, Wilcoxon signed-rank, 95% CI).
 *
 * <p>Per item the pair is the two recoded answers; per scale it is the two person scores
 * ({@link ScaleDefinition#score}), so the scale gap uses respondents with both scores.
 */
public final class RealIdealGap {

    private RealIdealGap() {
    }

    /**
     * Gaps of one group.
     *
     * @param real the scale as answered for "the school now"
     * @param ideal the same scale answered for "the ideal school" (same number of items, same
     *     keying and categories, item {@code i} of one paired with item {@code i} of the other)
     * @param rows the group's response rows
     */
    public static GapReport compare(ScaleDefinition real, ScaleDefinition ideal, List<double[]> rows,
            SuppressionPolicy policy) {
        if (real.size() != ideal.size()) {
            throw new IllegalArgumentException("real and ideal scales differ in size");
        }
        int n = rows.size();
        double[] rs = new double[n];
        double[] is = new double[n];
        for (int i = 0; i < n; i++) {
            rs[i] = real.score(rows.get(i));
            is[i] = ideal.score(rows.get(i));
        }
        Suppressible<PairedResult> scale = PairedComparison.compare(rs, is, policy);
        List<Suppressible<PairedResult>> items = new ArrayList<>();
        int[] ri = real.items();
        int[] ii = ideal.items();
        for (int j = 0; j < real.size(); j++) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = real.recode(j, rows.get(i)[ri[j]]);
                y[i] = ideal.recode(j, rows.get(i)[ii[j]]);
            }
            items.add(PairedComparison.compare(x, y, policy));
        }
        return new GapReport(scale, items);
    }

    /**
     * @param scale gap of person scores
     * @param items gap of each item, in scale order
     */
    public record GapReport(Suppressible<PairedResult> scale, List<Suppressible<PairedResult>> items) {
        public GapReport {
            items = List.copyOf(items);
        }
    }
}
