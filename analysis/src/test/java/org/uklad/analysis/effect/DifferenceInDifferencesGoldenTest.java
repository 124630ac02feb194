package org.uklad.analysis.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.Golden;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.effect.DifferenceInDifferences.Result;
import org.uklad.analysis.effect.DifferenceInDifferences.Verdict;

/**
 * {@link DifferenceInDifferences} against R ({@code src/test/r/did.R}): Δ as the interaction of
 * {@code lm(score ~ wave * group)}, the Welch SE, df, interval and p by the stated formula, each
 * group's change by {@code t.test(later, baseline)}, d by {@code sigma(fit)}; tolerance 1e-10.
 */
class DifferenceInDifferencesGoldenTest {

    static final double TOL = 1e-10;
    static final List<String> DATASETS = List.of("equal", "unequal", "likert", "decline", "null", "flat");

    @Test
    void everyDatasetMatchesR() {
        Map<String, Map<String, double[]>> data = data();
        Map<String, Double> refs = Golden.refs("did.ref.csv");
        assertEquals(DATASETS.size(), data.size());
        for (String name : DATASETS) {
            Map<String, double[]> d = data.get(name);
            Result r = DifferenceInDifferences.estimate(d.get("T0"), d.get("T1"), d.get("C0"), d.get("C1"),
                    SuppressionPolicy.DEFAULT);
            near(refs, name + ".delta", r.difference());
            near(refs, name + ".se", r.se());
            near(refs, name + ".df", r.df());
            near(refs, name + ".t", r.t());
            near(refs, name + ".p", r.p());
            near(refs, name + ".lo", r.ciLower());
            near(refs, name + ".hi", r.ciUpper());
            near(refs, name + ".d", r.effect());
            for (var g : List.of(Map.entry("T", r.school()), Map.entry("C", r.comparison()))) {
                String k = name + "." + g.getKey();
                near(refs, k + ".change", g.getValue().change());
                if (refs.get(k + ".change") != 0 || !name.equals("flat")) {
                    near(refs, k + ".df", g.getValue().df());
                    near(refs, k + ".p", g.getValue().p());
                    near(refs, k + ".lo", g.getValue().ciLower());
                    near(refs, k + ".hi", g.getValue().ciUpper());
                }
            }
            assertEquals(DifferenceInDifferences.verdict(r.difference(), r.p(), r.effect()), r.verdict(), name);
        }
    }

    @Test
    void verdictsFollowTheDashboardRule() {
        Map<String, Map<String, double[]>> data = data();
        // a large mean difference of a small, spread-out school is not clear: Welch's SE rests on its own spread
        assertEquals(Verdict.NO_CLEAR_CHANGE, estimate(data.get("unequal")).verdict());
        assertEquals(Verdict.CLEAR_IMPROVEMENT, estimate(data.get("likert")).verdict());
        assertEquals(Verdict.CLEAR_DECLINE, estimate(data.get("decline")).verdict());
        assertEquals(Verdict.NO_CLEAR_CHANGE, estimate(data.get("null")).verdict());
        // p below 0.05 but an effect below 0.2 is no clear change
        assertEquals(Verdict.NO_CLEAR_CHANGE, DifferenceInDifferences.verdict(1, 0.001, 0.19));
        assertEquals(Verdict.CLEAR_IMPROVEMENT, DifferenceInDifferences.verdict(1, 0.049, 0.2));
        assertEquals(Verdict.NO_CLEAR_CHANGE, DifferenceInDifferences.verdict(1, Double.NaN, 1));
    }

    @Test
    void anyGroupBelowTheMinimumGivesTooFewAndNoNumber() {
        double[] five = {10, 20, 30, 40, 50};
        double[] four = {10, 20, 30, 40};
        for (int small = 0; small < 4; small++) {
            double[][] g = {five, five, five, five};
            g[small] = four;
            Result r = DifferenceInDifferences.estimate(g[0], g[1], g[2], g[3], SuppressionPolicy.DEFAULT);
            assertEquals(Verdict.TOO_FEW_ANSWERS, r.verdict());
            assertTrue(Double.isNaN(r.difference()) && Double.isNaN(r.ciLower()) && Double.isNaN(r.school().change()));
            assertEquals(0, r.school().nBaseline());
            assertEquals(0, r.comparison().nLater());
        }
        // NaN scores do not count towards n
        double[] fiveWithNaN = {10, 20, 30, 40, Double.NaN};
        assertEquals(Verdict.TOO_FEW_ANSWERS,
                DifferenceInDifferences.estimate(five, five, five, fiveWithNaN, SuppressionPolicy.DEFAULT).verdict());
        assertTrue(DifferenceInDifferences.estimate(five, five, five, five, SuppressionPolicy.DEFAULT).shown());
    }

    @Test
    void noSpreadAtAllOrASingleValueGivesNoTestAndNoClearChange() {
        double[] flat = {50, 50, 50, 50, 50};
        double[] higher = {60, 60, 60, 60, 60};
        Result r = DifferenceInDifferences.estimate(flat, higher, flat, flat, SuppressionPolicy.DEFAULT);
        assertEquals(10, r.difference(), 0);
        assertEquals(0, r.se(), 0);
        assertTrue(Double.isNaN(r.p()) && Double.isNaN(r.ciLower()) && Double.isNaN(r.ciUpper()));
        assertEquals(Verdict.NO_CLEAR_CHANGE, r.verdict());
        Result one = DifferenceInDifferences.estimate(new double[] {40}, new double[] {60}, flat, higher);
        assertEquals(10, one.difference(), 1e-12);
        assertTrue(Double.isNaN(one.se()) && Double.isNaN(one.p()) && Double.isNaN(one.effect()));
        assertEquals(Verdict.NO_CLEAR_CHANGE, one.verdict());
    }

    private static Result estimate(Map<String, double[]> d) {
        return DifferenceInDifferences.estimate(d.get("T0"), d.get("T1"), d.get("C0"), d.get("C1"), SuppressionPolicy.DEFAULT);
    }

    /** R's value within 1e-10 (relative above 1); NaN must match NaN. */
    private static void near(Map<String, Double> refs, String key, double actual) {
        double expected = Golden.ref(refs, key);
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), key);
            return;
        }
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), key);
    }

    /** did.csv: dataset → cell → scores. */
    private static Map<String, Map<String, double[]>> data() {
        Map<String, Map<String, List<Double>>> raw = new LinkedHashMap<>();
        try (InputStream in = DifferenceInDifferencesGoldenTest.class.getResourceAsStream("/golden/did.csv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split(",");
                raw.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new ArrayList<>())
                        .add(Double.parseDouble(f[2]));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        raw.forEach((name, cells) -> {
            Map<String, double[]> m = new LinkedHashMap<>();
            cells.forEach((cell, v) -> m.put(cell, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(name, m);
        });
        return out;
    }
}
