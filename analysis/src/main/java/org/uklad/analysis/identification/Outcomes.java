package org.uklad.analysis.identification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One number per school and year from its results in several subjects, for the context regression
 * ({@link ResilienceOverYears}).
 *
 * <p><b>Mean score.</b> Subjects have different scales (a 5-point ОГЭ mark, a 100-point ЕГЭ
 * score), so each subject's means are standardized over the group's schools that have it,
 * {@code z = (x − mean) / sd} (sample SD, R {@code scale(x)}), and the school's outcome is the mean
 * of its z-scores. A subject with fewer than two schools or no spread is left out.
 *
 * <p><b>Share below the pass mark.</b> The mean of the school's shares over the subjects that give
 * one, negated so that higher is better like the mean score.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** @param values school → subject → value (absent or NaN = none); @return school → mean z-score */
    public static Map<String, Double> meanZ(Map<String, Map<String, Double>> values, List<String> subjects) {
        Map<String, List<Double>> z = new LinkedHashMap<>();
        for (String subject : subjects) {
            Map<String, Double> x = new LinkedHashMap<>();
            values.forEach((school, m) -> {
                Double v = m.get(subject);
                if (v != null && !Double.isNaN(v)) {
                    x.put(school, v);
                }
            });
            if (x.size() < 2) {
                continue;
            }
            double mean = x.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double ss = x.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            double sd = Math.sqrt(ss / (x.size() - 1));
            if (!(sd > 0)) {
                continue;
            }
            x.forEach((school, v) -> z.computeIfAbsent(school, k -> new ArrayList<>()).add((v - mean) / sd));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        z.forEach((school, zs) -> out.put(school, zs.stream().mapToDouble(Double::doubleValue).average().orElseThrow()));
        return out;
    }

    /** @return school → minus the mean share below the pass mark over the subjects that give one */
    public static Map<String, Double> negatedMeanShare(Map<String, Map<String, Double>> shares, List<String> subjects) {
        Map<String, Double> out = new LinkedHashMap<>();
        shares.forEach((school, m) -> subjects.stream().map(m::get).filter(v -> v != null && !Double.isNaN(v))
                .mapToDouble(Double::doubleValue).average().ifPresent(a -> out.put(school, -a)));
        return out;
    }
}
