package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.analysis.Golden.near;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.compare.MultipleTesting;
import org.uklad.analysis.compare.PairedComparison;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.compare.RealIdealGap;
import org.uklad.analysis.compare.TwoSampleComparison;
import org.uklad.analysis.compare.TwoSampleResult;
import org.uklad.analysis.scale.ScaleDefinition;

/**
 * Comparisons, real-vs-ideal gaps and Benjamini–Hochberg against base R (functions
 * {@code two_sample_refs} and {@code paired_refs} of {@code src/test/r/golden.R}).
 */
class ComparisonGoldenTest {

    static final ScaleDefinition REAL = ScaleDefinition.of("real", new int[] {0, 1, 2, 3, 4, 5}, new int[] {1, 4}, 1, 5);
    static final ScaleDefinition IDEAL = ScaleDefinition.of("ideal", new int[] {6, 7, 8, 9, 10, 11}, new int[] {7, 10}, 1, 5);
    static final ScaleDefinition STUD = ScaleDefinition.of("stud", IntStream.range(0, 10).toArray(), new int[] {2, 6, 8}, 1, 4);

    static double[] scores(Golden.Data data, ScaleDefinition scale, String group) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < data.rows().size(); i++) {
            if (data.groups().get(i).equals(group)) {
                double s = scale.score(data.rows().get(i));
                if (!Double.isNaN(s)) {
                    out.add(s);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Welch: {@code t.test(x, y)}; Mann–Whitney: {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)};
     * d and its interval by the Hedges–Olkin formula in golden.R; g and its interval by
     * {@code metafor::escalc("SMD", ...)} (default vtype "LS"); Cliff:
     * {@code mean(sign(outer(x, y, "-")))}.
     */
    static double checkTwoSample(Map<String, Double> refs, String key, double[] x, double[] y) {
        TwoSampleResult r = TwoSampleComparison.compare(x, y, SuppressionPolicy.DEFAULT).orElseThrow();
        // the same figures straight from the frequency tables (what the service compares)
        checkTwoSample(refs, key, TwoSampleComparison.compare(ScoreDistribution.of(x), ScoreDistribution.of(y)));
        return checkTwoSample(refs, key, r);
    }

    static double checkTwoSample(Map<String, Double> refs, String key, TwoSampleResult r) {
        near(refs, key + ".welch.t", r.welchT());
        near(refs, key + ".welch.df", r.welchDf());
        near(refs, key + ".welch.p", r.welchP());
        near(refs, key + ".welch.ci_lo", r.ciLower());
        near(refs, key + ".welch.ci_hi", r.ciUpper());
        near(refs, key + ".mw.U", r.mannWhitneyU());
        near(refs, key + ".mw.p", r.mannWhitneyP());
        near(refs, key + ".d", r.cohensD());
        near(refs, key + ".d_lo", r.cohensDLower());
        near(refs, key + ".d_hi", r.cohensDUpper());
        near(refs, key + ".g", r.hedgesG());
        near(refs, key + ".g_lo", r.hedgesGLower());
        near(refs, key + ".g_hi", r.hedgesGUpper());
        near(refs, key + ".cliff", r.cliffsDelta());
        return r.welchP();
    }

    @Test
    void twoSampleAndBenjaminiHochbergMatchR() {
        Golden.Data t = Golden.data("teachers.csv");
        Golden.Data s = Golden.data("students.csv");
        Map<String, Double> tr = Golden.refs("teachers.ref.csv");
        Map<String, Double> sr = Golden.refs("students.ref.csv");
        double p1 = checkTwoSample(tr, "cmp.T07_T05", scores(t, REAL, "T07"), scores(t, REAL, "T05"));
        double p2 = checkTwoSample(tr, "cmp.T04_T08", scores(t, REAL, "T04"), scores(t, REAL, "T08"));
        double p3 = checkTwoSample(sr, "cmp.S3_S5", scores(s, STUD, "S3"), scores(s, STUD, "S5"));
        double p4 = checkTwoSample(sr, "cmp.S2_S4", scores(s, STUD, "S2"), scores(s, STUD, "S4"));
        // p.adjust(c(p1, p2, p3, p4), method = "BH")
        double[] bh = MultipleTesting.benjaminiHochberg(new double[] {p1, p2, p3, p4});
        for (int i = 0; i < 4; i++) {
            near(sr, "bh." + (i + 1), bh[i]);
        }
    }

    /** The frequency-table form equals the array form (checked against R above) on random tied samples. */
    @org.junit.jupiter.api.RepeatedTest(200)
    void frequencyTablesGiveWhatTheExpandedSamplesGive(org.junit.jupiter.api.RepetitionInfo info) throws Exception {
        java.util.Random random = new java.util.Random(info.getCurrentRepetition());
        double[] x = sample(random, 1 + random.nextInt(40));
        double[] y = sample(random, 1 + random.nextInt(random.nextBoolean() ? 40 : 3000));
        TwoSampleResult arrays = TwoSampleComparison.compare(x, y);
        TwoSampleResult tables = TwoSampleComparison.compare(ScoreDistribution.of(x), ScoreDistribution.of(y));
        for (var c : TwoSampleResult.class.getRecordComponents()) {
            double a = ((Number) c.getAccessor().invoke(arrays)).doubleValue();
            double b = ((Number) c.getAccessor().invoke(tables)).doubleValue();
            if (Double.isNaN(a) || Double.isNaN(b)) {
                assertEquals(Double.isNaN(a), Double.isNaN(b), c.getName());
            } else {
                assertEquals(a, b, 1e-12 * Math.max(1, Math.abs(a)), c.getName());
            }
        }
    }

    /** Scale scores: means of 1–6 items on 1..4, so few distinct values and many ties. */
    private static double[] sample(java.util.Random random, int n) {
        int items = 1 + random.nextInt(6);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int sum = 0;
            for (int j = 0; j < items; j++) {
                sum += 1 + random.nextInt(4);
            }
            out[i] = (double) sum / items;
        }
        return out;
    }

    @Test
    void benjaminiHochbergWithTiesAndMissingMatchesR() {
        // p <- c(0.01, 0.04, 0.03, NA, 0.04, 0.5, 0.001, 0.2); p.adjust(p, method = "BH")
        Map<String, Double> refs = Golden.refs("bh.ref.csv");
        double[] bh = MultipleTesting.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, Double.NaN, 0.04, 0.5, 0.001, 0.2});
        for (int i = 0; i < bh.length; i++) {
            near(refs, "bh.fixed." + (i + 1), bh[i]);
        }
    }

    /**
     * {@code t.test(x, y, paired = TRUE)} and
     * {@code wilcox.test(x, y, paired = TRUE, exact = FALSE, correct = TRUE)}.
     */
    static void checkPaired(Map<String, Double> refs, String key, PairedResult r) {
        near(refs, key + ".n", r.n());
        near(refs, key + ".mean", r.meanDifference());
        near(refs, key + ".t", r.t());
        near(refs, key + ".p", r.tP());
        near(refs, key + ".ci_lo", r.ciLower());
        near(refs, key + ".ci_hi", r.ciUpper());
        near(refs, key + ".V", r.wilcoxonV());
        near(refs, key + ".wp", r.wilcoxonP());
    }

    @Test
    void realVsIdealGapsMatchR() {
        Golden.Data t = Golden.data("teachers.csv");
        Map<String, Double> refs = Golden.refs("teachers.ref.csv");
        List<double[]> t07 = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            if (t.groups().get(i).equals("T07")) {
                t07.add(t.rows().get(i));
            }
        }
        RealIdealGap.GapReport school = RealIdealGap.compare(REAL, IDEAL, t07, SuppressionPolicy.DEFAULT);
        checkPaired(refs, "gap.T07.scale", school.scale().orElseThrow());
        RealIdealGap.GapReport all = RealIdealGap.compare(REAL, IDEAL, t.rows(), SuppressionPolicy.DEFAULT);
        checkPaired(refs, "gap.ALL.scale", all.scale().orElseThrow());
        for (int j = 0; j < 6; j++) {
            checkPaired(refs, "gap.ALL.item." + (j + 1), all.items().get(j).orElseThrow());
        }
        // school T01 has 4 teachers: below k = 5, every gap is suppressed
        List<double[]> t01 = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            if (t.groups().get(i).equals("T01")) {
                t01.add(t.rows().get(i));
            }
        }
        RealIdealGap.GapReport small = RealIdealGap.compare(REAL, IDEAL, t01, SuppressionPolicy.DEFAULT);
        assertTrue(small.scale().isSuppressed());
        assertTrue(small.items().stream().allMatch(Suppressible::isSuppressed));
    }

    @Test
    void smallGroupsAreNotCompared() {
        double[] four = {1, 2, 3, 4};
        double[] many = {1, 2, 3, 4, 5, 6};
        assertTrue(TwoSampleComparison.compare(four, many, SuppressionPolicy.DEFAULT).isSuppressed());
        assertEquals(false, TwoSampleComparison.compare(four, many, new SuppressionPolicy(3)).isSuppressed());
        assertTrue(PairedComparison.compare(four, four, SuppressionPolicy.DEFAULT).isSuppressed());
    }
}
