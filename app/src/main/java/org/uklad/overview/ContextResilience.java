package org.uklad.overview;

import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.context.ContextRegression;
import org.uklad.analysis.context.FamilyContextIndex;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.overview.WaveOverview.ContextSchool;
import org.uklad.overview.WaveOverview.Unavailable;

/**
 * The context and resilience view of a wave's overview ({@link WaveOverviewService}).
 *
 * <p>Each school's family context index (the codebook's, 0 = fewest resources, 1 = most,
 * {@link FamilyContext}; suppressed below the threshold together with its share of families in the
 * bottom third, i.e. with a family index below 1/3) against its external result, by OLS
 * ({@link ContextRegression}) {@code result ~ context} over the schools that have both (R {@code lm(result ~ context)}). With
 * fewer than {@link #MIN_SCHOOLS_FOR_REGRESSION} such schools, or a context without variation, no
 * line is reported, only the reason. Otherwise, per school: predicted result, residual = resilience;
 * a school <em>beats its context</em> when its residual is at least the residual standard error
 * {@code σ = √(Σe²/(n−2))} (R {@code sigma(fit)}), i.e. clearly above schools in similar conditions.
 * Results below the lower tertile (R {@code quantile(result, 1/3)}, type 7) are <em>low</em>; for
 * each low school up to {@link #PARTNERS} suggested partners: schools with a result at or above the
 * upper tertile ({@code quantile(result, 2/3)}), nearest context first.
 */
final class ContextResilience {

    /** Fewer schools with both figures than this get no regression: a line through fewer points is mostly noise. */
    static final int MIN_SCHOOLS_FOR_REGRESSION = 5;
    /** Suggested partners per low-result school. */
    static final int PARTNERS = 3;

    private ContextResilience() {
    }

    /** The view over the schools in {@code order} (the overview's rows). */
    static WaveOverview.Context of(Set<Long> order, Map<Long, Suppressible<SchoolContext>> context,
                                   List<ExternalResults.ExternalResult> external) {
        Map<Long, ExternalResults.ExternalResult> byId = new LinkedHashMap<>();
        external.forEach(r -> byId.put(r.schoolId(), r));
        Map<String, Double> y = new TreeMap<>();
        Map<String, double[]> x = new TreeMap<>();
        Set<String> labels = new TreeSet<>();
        for (long id : order) {
            Suppressible<SchoolContext> c = context.get(id);
            ExternalResults.ExternalResult r = byId.get(id);
            if (c != null && !c.isSuppressed() && r != null) {
                y.put(WaveOverviewService.key(id), r.value());
                x.put(WaveOverviewService.key(id), new double[] {c.orElseThrow().index()});
                labels.add(r.label());
            }
        }
        int n = y.size();
        Unavailable reason = null;
        if (n < MIN_SCHOOLS_FOR_REGRESSION) {
            reason = context.isEmpty() && external.isEmpty() ? Unavailable.NO_DATA : Unavailable.TOO_FEW_SCHOOLS;
        } else if (x.values().stream().mapToDouble(v -> v[0]).distinct().count() < 2) {
            reason = Unavailable.NO_CONTEXT_VARIATION;
        }
        ContextRegression fit = reason == null ? ContextRegression.fit(y, x) : null;
        Double sigma = null;
        Double low = null;
        Double high = null;
        Map<String, Double> residuals = Map.of();
        Map<String, Double> predicted = Map.of();
        if (fit != null) {
            residuals = fit.resilience();
            predicted = fit.predicted();
            double ss = residuals.values().stream().mapToDouble(e -> e * e).sum();
            sigma = Math.sqrt(ss / (n - 2));
            double[] sorted = y.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            low = quantile(sorted, 1 / 3.0);
            high = quantile(sorted, 2 / 3.0);
        }
        List<ContextSchool> rows = new ArrayList<>();
        for (long id : order) {
            Suppressible<SchoolContext> c = context.get(id);
            SchoolContext shown = c == null ? null : c.orElse(null);
            ExternalResults.ExternalResult r = byId.get(id);
            if (c == null && r == null) {
                continue;
            }
            String k = WaveOverviewService.key(id);
            boolean inFit = fit != null && residuals.containsKey(k);
            Double e = inFit ? residuals.get(k) : null;
            boolean isLow = inFit && r.value() < low;
            List<Long> partners = isLow ? fit.suggestPartners(k, high, PARTNERS).stream().map(Long::parseLong).toList()
                    : List.of();
            rows.add(new ContextSchool(id, c != null && c.isSuppressed(), shown == null ? null : shown.index(),
                    shown == null ? null : shown.bottomThirdShare(),
                    r == null ? null : r.value(), r == null ? null : r.label(), inFit ? predicted.get(k) : null, e,
                    inFit && e >= sigma, isLow, partners));
        }
        return new WaveOverview.Context(fit != null, reason, MIN_SCHOOLS_FOR_REGRESSION, n,
                FamilyContextIndex.BOTTOM_THIRD, List.copyOf(labels),
                fit == null ? null : fit.coefficients()[0], fit == null ? null : fit.coefficients()[1],
                fit == null ? null : fit.rSquared(), sigma, low, high, rows);
    }

    /** R's default quantile (type 7): linear interpolation between order statistics. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
