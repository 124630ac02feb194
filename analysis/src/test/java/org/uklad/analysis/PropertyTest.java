package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.agreement.Agreement;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.compare.MultipleTesting;
import org.uklad.analysis.compare.TwoSampleComparison;
import org.uklad.analysis.reliability.AlphaResult;
import org.uklad.analysis.reliability.CronbachAlpha;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.analysis.scale.ScaleReport;

/** Properties that must hold for any data (random data from fixed seeds). */
class PropertyTest {

    private static final double EPS = 1e-12;

    /** Random Likert rows: {@code groups} groups, {@code k} items 1..5, some NaN. */
    static List<Object[]> randomRows(long seed, int rows, int groups, int k, double missing) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int g = r.nextInt(groups);
            double[] row = new double[k];
            int base = 1 + r.nextInt(5);
            for (int j = 0; j < k; j++) {
                row[j] = r.nextDouble() < missing ? Double.NaN
                        : Math.max(1, Math.min(5, base + r.nextInt(3) - 1 + (g % 2)));
            }
            out.add(new Object[] {"G" + g, row});
        }
        return out;
    }

    static ScaleReport run(ScaleDefinition s, List<Object[]> rows) {
        ScaleAccumulator acc = new ScaleAccumulator(s);
        for (Object[] r : rows) {
            acc.add((String) r[0], (double[]) r[1]);
        }
        return acc.report();
    }

    @Test
    void alphaOfIdenticalItemsIsOne() {
        SplittableRandom r = new SplittableRandom(1);
        double[][] data = new double[30][4];
        for (double[] row : data) {
            Arrays.fill(row, 1 + r.nextInt(5));
        }
        AlphaResult a = CronbachAlpha.of(data);
        assertEquals(1.0, a.alpha(), EPS);
        assertEquals(1.0, a.standardizedAlpha(), EPS);
        for (double d : a.alphaIfDeleted()) {
            assertEquals(1.0, d, EPS);
        }
        List<Object[]> rows = new ArrayList<>();
        for (double[] row : data) {
            rows.add(new Object[] {"S", row});
        }
        ScaleReport rep = run(ScaleDefinition.of("same", new int[] {0, 1, 2, 3}, new int[0], 1, 5), rows);
        assertEquals(1.0, rep.groups().get("S").orElseThrow().reliability().orElseThrow().alpha(), EPS);
    }

    @Test
    void alphaEdgeCasesAreNaN() {
        // constant item: its correlations and the standardized alpha are undefined
        double[][] withConstant = {{1, 3, 2}, {2, 3, 3}, {3, 3, 5}, {4, 3, 4}};
        AlphaResult a = CronbachAlpha.of(withConstant);
        assertTrue(Double.isFinite(a.alpha()));
        assertTrue(Double.isNaN(a.standardizedAlpha()));
        assertTrue(Double.isNaN(a.correctedItemTotal()[1]));
        // all items constant: zero total variance
        assertTrue(Double.isNaN(CronbachAlpha.of(new double[][] {{2, 2}, {2, 2}, {2, 2}}).alpha()));
        // one complete case
        assertTrue(Double.isNaN(CronbachAlpha.of(new double[][] {{1, 2}, {Double.NaN, 2}}).alpha()));
        assertEquals(0, CronbachAlpha.of(new double[0][]).n());
    }

    @Test
    void rwgOfPerfectAgreementIsOneAndOfUniformAnswersIsZero() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {"A", new double[] {4, 2, 5, 3}});
        }
        ScaleReport rep = run(ScaleDefinition.of("x", new int[] {0, 1, 2, 3}, new int[] {1}, 1, 5), rows);
        AgreementResult ag = rep.groups().get("A").orElseThrow().agreement().orElseThrow();
        assertEquals(1.0, ag.rwgJ(), EPS);
        assertEquals(0.0, ag.adMean(), EPS);
        assertEquals(0.0, ag.adMedian(), EPS);
        // split between extremes: observed variance above the uniform null, capped → 0
        double[][] polar = new double[10][];
        for (int i = 0; i < 10; i++) {
            double v = i % 2 == 0 ? 1 : 5;
            polar[i] = new double[] {v, v, v};
        }
        assertEquals(0.0, Agreement.rwgJ(polar, 5), EPS);
        assertEquals(2.0, Agreement.uniformNullVariance(5), EPS);
    }

    @RepeatedTest(5)
    void resultsAreInvariantToItemOrder(org.junit.jupiter.api.RepetitionInfo info) {
        List<Object[]> rows = randomRows(info.getCurrentRepetition(), 400, 7, 6, 0.1);
        ScaleDefinition s = ScaleDefinition.of("s", new int[] {0, 1, 2, 3, 4, 5}, new int[] {1, 4}, 1, 5);
        ScaleDefinition p = ScaleDefinition.of("s", new int[] {4, 2, 5, 0, 3, 1}, new int[] {1, 4}, 1, 5);
        ScaleReport a = run(s, rows);
        ScaleReport b = run(p, rows);
        int[] perm = {4, 2, 5, 0, 3, 1};
        for (String g : a.groups().keySet()) {
            assertEquals(a.groups().get(g).isSuppressed(), b.groups().get(g).isSuppressed());
            if (a.groups().get(g).isSuppressed()) {
                continue;
            }
            GroupScaleResult x = a.groups().get(g).orElseThrow();
            GroupScaleResult y = b.groups().get(g).orElseThrow();
            assertEquals(x.score().mean(), y.score().mean(), EPS);
            assertEquals(x.score().sd(), y.score().sd(), EPS);
            assertEquals(x.score().median(), y.score().median(), EPS);
            assertEquals(x.percentFavourable(), y.percentFavourable(), EPS);
            AlphaResult ax = x.reliability().orElseThrow();
            AlphaResult ay = y.reliability().orElseThrow();
            assertEquals(ax.alpha(), ay.alpha(), 1e-10);
            assertEquals(ax.standardizedAlpha(), ay.standardizedAlpha(), 1e-10);
            for (int j = 0; j < 6; j++) {
                assertEquals(ax.alphaIfDeleted()[perm[j]], ay.alphaIfDeleted()[j], 1e-10);
                assertEquals(ax.correctedItemTotal()[perm[j]], ay.correctedItemTotal()[j], 1e-10);
            }
            assertEquals(x.agreement().orElseThrow().rwgJ(), y.agreement().orElseThrow().rwgJ(), 1e-10);
            assertEquals(x.agreement().orElseThrow().adMean(), y.agreement().orElseThrow().adMean(), 1e-10);
        }
        assertEquals(a.icc().orElseThrow().icc1(), b.icc().orElseThrow().icc1(), 1e-10);
    }

    @Test
    void combiningPartialAccumulatorsEqualsOnePass() {
        List<Object[]> rows = randomRows(11, 1000, 9, 5, 0.15);
        ScaleDefinition s = ScaleDefinition.of("s", new int[] {0, 1, 2, 3, 4}, new int[] {2}, 1, 5);
        ScaleAccumulator one = new ScaleAccumulator(s);
        ScaleAccumulator left = new ScaleAccumulator(s);
        ScaleAccumulator right = new ScaleAccumulator(s);
        for (int i = 0; i < rows.size(); i++) {
            one.add((String) rows.get(i)[0], (double[]) rows.get(i)[1]);
            (i % 3 == 0 ? left : right).add((String) rows.get(i)[0], (double[]) rows.get(i)[1]);
        }
        ScaleReport a = one.report();
        ScaleReport b = left.combine(right).report();
        GroupScaleResult x = a.overall().orElseThrow();
        GroupScaleResult y = b.overall().orElseThrow();
        assertEquals(x.score(), y.score());
        assertEquals(x.reliability().orElseThrow().alpha(), y.reliability().orElseThrow().alpha(), 0);
        assertEquals(a.icc().orElseThrow().icc1(), b.icc().orElseThrow().icc1(), EPS);
        for (String g : a.groups().keySet()) {
            assertEquals(a.groups().get(g).map(GroupScaleResult::score).orElse(null),
                    b.groups().get(g).map(GroupScaleResult::score).orElse(null));
        }
    }

    @Test
    void accumulatorAgreesWithArrayMethods() {
        List<Object[]> rows = randomRows(5, 300, 3, 4, 0.1);
        ScaleDefinition s = ScaleDefinition.of("s", new int[] {0, 1, 2, 3}, new int[] {3}, 1, 5);
        ScaleReport rep = run(s, rows);
        List<double[]> g0 = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (Object[] r : rows) {
            double[] raw = (double[]) r[1];
            double[] rec = new double[4];
            for (int j = 0; j < 4; j++) {
                rec[j] = s.recode(j, raw[j]);
            }
            if (r[0].equals("G0")) {
                g0.add(rec);
            }
            scores.add(s.score(raw));
            groups.add((String) r[0]);
        }
        GroupScaleResult res = rep.groups().get("G0").orElseThrow();
        double[][] m = g0.toArray(new double[0][]);
        assertEquals(CronbachAlpha.of(m).alpha(), res.reliability().orElseThrow().alpha(), 1e-12);
        assertEquals(Agreement.rwgJ(m, 5), res.agreement().orElseThrow().rwgJ(), 1e-12);
        assertEquals(Agreement.averageDeviation(m, Agreement.Center.MEDIAN), res.agreement().orElseThrow().adMedian(), 1e-12);
        double[] y = scores.stream().mapToDouble(Double::doubleValue).toArray();
        Icc icc = Icc.of(y, groups.toArray(new String[0]));
        assertEquals(icc.icc1(), rep.icc().orElseThrow().icc1(), 1e-12);
        double[] g0scores = new double[m.length];
        int p = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (groups.get(i).equals("G0")) {
                g0scores[p++] = y[i];
            }
        }
        Descriptives d = Descriptives.of(g0scores);
        assertEquals(d.n(), res.score().n());
        assertEquals(d.mean(), res.score().mean(), 1e-12);
        assertEquals(d.sd(), res.score().sd(), 1e-12);
        assertEquals(d.ciLower(), res.score().ciLower(), 1e-12);
        assertEquals(d.median(), res.score().median(), 0);
    }

    @Test
    void scoringRules() {
        ScaleDefinition s = ScaleDefinition.of("s", new int[] {0, 1, 2, 3, 4, 5}, new int[] {1}, 1, 5);
        assertEquals(4, s.minAnswered());
        assertEquals(2.0, s.recode(1, 4), 0);
        assertEquals(4.0, s.recode(0, 4), 0);
        double nan = Double.NaN;
        assertEquals((5 + 1 + 3 + 3) / 4.0, s.score(new double[] {5, 5, 3, 3, nan, nan}), EPS);
        assertTrue(Double.isNaN(s.score(new double[] {5, 5, 3, nan, nan, nan})));
        assertEquals(0.0, s.rescale(1), EPS);
        assertEquals(100.0, s.rescale(5), EPS);
        assertEquals(62.5, s.rescale(3.5), EPS);
        assertEquals(3, s.withMinAnsweredShare(0.5).minAnswered());
        ScaleAccumulator acc = new ScaleAccumulator(s);
        assertThrows(IllegalArgumentException.class, () -> acc.add("x", new double[] {6, 1, 1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> acc.add("x", new double[] {2.5, 1, 1, 1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ScaleDefinition.of("bad", new int[] {0, 1}, new int[] {7}, 1, 5));
    }

    @Test
    void suppressionPolicy() {
        assertThrows(IllegalArgumentException.class, () -> new SuppressionPolicy(2));
        assertEquals(5, SuppressionPolicy.DEFAULT.minGroupSize());
        SuppressionPolicy three = new SuppressionPolicy(3);
        assertTrue(three.allows(3));
        assertFalse(three.allows(2));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(new Object[] {"small", new double[] {1 + i % 5, 2, 3}});
        }
        for (int i = 0; i < 12; i++) {
            rows.add(new Object[] {"big", new double[] {1 + i % 5, 2, 3}});
        }
        ScaleDefinition s = ScaleDefinition.of("s", new int[] {0, 1, 2}, new int[0], 1, 5);
        ScaleReport rep = run(s, rows);
        assertTrue(rep.groups().get("small").isSuppressed());
        assertFalse(rep.groups().get("big").isSuppressed());
        // a suppressed value carries no numbers
        Suppressible<GroupScaleResult> small = rep.groups().get("small");
        assertEquals(0, small.getClass().getRecordComponents().length);
        assertThrows(java.util.NoSuchElementException.class, small::orElseThrow);
        ScaleAccumulator k3 = new ScaleAccumulator(s, three);
        rows.forEach(r -> k3.add((String) r[0], (double[]) r[1]));
        assertFalse(k3.report().groups().get("small").isSuppressed());
    }

    @Test
    void descriptivesEdgeCases() {
        Descriptives empty = Descriptives.of(new double[] {Double.NaN});
        assertEquals(0, empty.n());
        assertTrue(Double.isNaN(empty.mean()));
        Descriptives one = Descriptives.of(new double[] {3});
        assertEquals(3.0, one.mean(), 0);
        assertEquals(3.0, one.median(), 0);
        assertTrue(Double.isNaN(one.sd()));
        assertEquals(2.5, Descriptives.of(new double[] {4, 1, 2, 3}).median(), 0);
    }

    @RepeatedTest(3)
    void histogramMedianAndCliffMatchBruteForce(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(100 + info.getCurrentRepetition());
        double[] x = new double[37 + r.nextInt(20)];
        double[] y = new double[25 + r.nextInt(20)];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + r.nextInt(13) / 3.0;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 + r.nextInt(13) / 3.0;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        double med = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        assertEquals(med, ScoreDistribution.of(x).median(), 0);
        assertArrayEquals(s, ScoreDistribution.of(x).expand(), 0);
        double dom = 0;
        for (double a : x) {
            for (double b : y) {
                dom += Math.signum(a - b);
            }
        }
        assertEquals(dom / (x.length * (double) y.length), TwoSampleComparison.compare(x, y).cliffsDelta(), 1e-12);
    }

    @Test
    void benjaminiHochbergIsMonotoneAndBounded() {
        SplittableRandom r = new SplittableRandom(3);
        double[] p = new double[50];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble() * r.nextDouble();
        }
        double[] adj = MultipleTesting.benjaminiHochberg(p);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        for (int i = 0; i < p.length; i++) {
            assertTrue(adj[i] >= p[i] && adj[i] <= 1);
            if (i > 0) {
                assertTrue(adj[order[i]] >= adj[order[i - 1]]);
            }
        }
    }
}
