package org.uklad.analysis.identification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.uklad.analysis.context.ContextRegression;

/**
 * "Beats its context" over several years: the results of each year regressed on the schools'
 * context ({@link ContextRegression}, R {@code lm(y ~ x)}), and a school's verdict resting on the
 * years together, not on one.
 *
 * <p>A school is <em>clearly above</em> its context in a year when its residual exceeds
 * {@code margin} times that year's residual standard error {@code σ = √(Σe² / (n − p − 1))}
 * (R {@code sigma(fit)}), i.e. its standardized residual {@code e / σ > margin}. It <em>beats
 * its context</em> when it is clearly above in at least {@code minYears} of the years it has a
 * result. A year with too few schools for the regression (fewer than p + 2) gives no verdict.
 *
 * <p>Higher {@code y} must mean better: pass a share below the pass mark negated (see
 * {@link Outcomes}).
 */
public final class ResilienceOverYears {

    /** One year's regression of one school: residual and standardized residual, null when not fitted. */
    public record Year(int year, Double residual, Double standardized, boolean clearlyAbove) {}

    /** One school's years and verdict. */
    public record Verdict(String school, List<Year> years, int yearsAbove, boolean beatsContext) {}

    private ResilienceOverYears() {
    }

    /**
     * @param results  year → school → outcome (higher = better)
     * @param context  school → context variables
     * @param margin   how many residual standard errors above counts as "clearly above"
     * @param minYears in at least this many years
     * @return each school with a result in any fitted year, by key order of first appearance
     */
    public static Map<String, Verdict> assess(Map<Integer, Map<String, Double>> results, Map<String, double[]> context,
                                              double margin, int minYears) {
        Map<String, List<Year>> years = new LinkedHashMap<>();
        for (Map.Entry<Integer, Map<String, Double>> e : new TreeMap<>(results).entrySet()) {
            ContextRegression fit;
            try {
                fit = ContextRegression.fit(e.getValue(), context);
            } catch (IllegalArgumentException tooFew) {
                continue; // too few schools with a result and a context this year: no verdict from it
            }
            Map<String, Double> res = fit.resilience();
            double sigma = sigma(res.values(), context.get(res.keySet().iterator().next()).length);
            res.forEach((school, r) -> {
                Double z = sigma > 0 ? r / sigma : null;
                years.computeIfAbsent(school, k -> new ArrayList<>())
                        .add(new Year(e.getKey(), r, z, z != null && z > margin));
            });
        }
        Map<String, Verdict> out = new LinkedHashMap<>();
        years.forEach((school, ys) -> {
            int above = (int) ys.stream().filter(Year::clearlyAbove).count();
            out.put(school, new Verdict(school, List.copyOf(ys), above, above >= minYears));
        });
        return out;
    }

    /** Residual standard error with {@code p} predictors and an intercept, R {@code sigma(lm(...))}. */
    public static double sigma(java.util.Collection<Double> residuals, int p) {
        double ss = 0;
        for (double r : residuals) {
            ss += r * r;
        }
        int df = residuals.size() - p - 1;
        return df > 0 ? Math.sqrt(ss / df) : Double.NaN;
    }
}
