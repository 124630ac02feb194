package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.compare.GapAccumulator;
import org.uklad.analysis.compare.PairedComparison;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.compare.RealIdealGap;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;

/**
 * The stored, mergeable states give exactly what one pass over the rows gives: a scale's report
 * from states written to bytes, read back and merged in random splits and orders, and the gaps of
 * {@link GapAccumulator} against {@link RealIdealGap} over the same (blanked) rows, to 1e-12 on
 * every figure.
 */
class MergeableStatesTest {

    private static final double EPS = 1e-12;
    private static final int ITEMS = 6;
    private static final ScaleDefinition SCALE = ScaleDefinition.of("s", new int[] {0, 1, 2, 3, 4, 5}, new int[] {2}, 1, 5);
    private static final int PAIRS = 8;
    // columns 0..7 "now", 8..15 "ideal", as the app's compact rows; one item keyed in reverse on one side only
    private static final ScaleDefinition NOW = new ScaleDefinition("g:now", range(0, PAIRS), reversed(PAIRS, 1), 1, 5,
            ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE, 4);
    private static final ScaleDefinition IDEAL = new ScaleDefinition("g:ideal", range(PAIRS, 2 * PAIRS), reversed(PAIRS, -1), 1, 5,
            ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE, 4);

    @RepeatedTest(20)
    void aScalesStatesMergedFromBytesGiveTheOnePassReport(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
        List<Object[]> rows = PropertyTest.randomRows(r.nextLong(), 20 + r.nextInt(300), 1 + r.nextInt(6), ITEMS, 0.2 * r.nextDouble());
        ScaleAccumulator once = new ScaleAccumulator(SCALE);
        rows.forEach(row -> once.add((String) row[0], (double[]) row[1]));
        // the rows in parts, each part's states to bytes; the parts merged back in random order
        List<byte[]> parts = new ArrayList<>();
        List<String> partGroups = new ArrayList<>();
        List<Object[]> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new java.util.Random(r.nextLong()));
        int at = 0;
        while (at < shuffled.size()) {
            int size = 1 + r.nextInt(12);
            ScaleAccumulator part = new ScaleAccumulator(SCALE);
            for (Object[] row : shuffled.subList(at, Math.min(shuffled.size(), at + size))) {
                part.add((String) row[0], (double[]) row[1]);
            }
            at += size;
            for (String g : part.groups()) {
                parts.add(Counts.toBytes(part.state(g).orElseThrow()::write));
                partGroups.add(g);
            }
        }
        ScaleAccumulator merged = new ScaleAccumulator(SCALE);
        for (String g : once.groups()) { // the groups in the same order: the pooled sums add alike
            for (int i = 0; i < parts.size(); i++) {
                if (partGroups.get(i).equals(g)) {
                    merged.merge(g, Counts.fromBytes(parts.get(i), merged::readState));
                }
            }
        }
        assertClose(once.report(), merged.report(), "report");
    }

    /**
     * A kept accumulator whose groups' states are replaced one after another, compacted after
     * each report and given the old counts back to subtract, reports what a fresh accumulator of
     * the current states reports; a compacted group refuses rows.
     */
    @RepeatedTest(20)
    void replacedStatesOfACompactedAccumulatorGiveTheFreshReport(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(1000 + info.getCurrentRepetition());
        List<Object[]> rows = PropertyTest.randomRows(r.nextLong(), 40 + r.nextInt(300), 2 + r.nextInt(5), ITEMS, 0.2 * r.nextDouble());
        java.util.Map<String, ScaleAccumulator> byGroup = new java.util.LinkedHashMap<>();
        ScaleAccumulator kept = new ScaleAccumulator(SCALE);
        java.util.Map<String, byte[]> stored = new java.util.HashMap<>();
        for (Object[] row : rows) {
            String g = (String) row[0];
            ScaleAccumulator grown = byGroup.computeIfAbsent(g, x -> new ScaleAccumulator(SCALE));
            grown.add(g, (double[]) row[1]);
            byte[] now = Counts.toBytes(grown.state(g).orElseThrow()::write);
            byte[] before = stored.put(g, now);
            kept.replace(g, Counts.fromBytes(now, kept::readState),
                    before == null ? null : Counts.fromBytes(before, kept::readState));
            if (r.nextInt(5) == 0) {
                kept.report();
                kept.compact();
            }
        }
        ScaleAccumulator fresh = new ScaleAccumulator(SCALE);
        for (String g : kept.groups()) {
            fresh.merge(g, Counts.fromBytes(stored.get(g), fresh::readState));
        }
        assertClose(fresh.report(), kept.report(), "report");
        kept.compact();
        String any = kept.groups().iterator().next();
        assertThrows(IllegalStateException.class, () -> kept.add(any, (double[]) rows.getFirst()[1]));
    }

    @RepeatedTest(30)
    void gapStatesGiveWhatTheRowsGive(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(1000 + info.getCurrentRepetition());
        int groups = 1 + r.nextInt(5);
        List<List<double[]>> byGroup = new ArrayList<>();
        GapAccumulator once = new GapAccumulator(IDEAL, NOW);
        GapAccumulator merged = new GapAccumulator(IDEAL, NOW);
        List<double[]> all = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            List<double[]> rows = new ArrayList<>();
            int n = r.nextInt(40);
            // some groups agree completely: every gap equal (the zero-SD case)
            boolean same = r.nextInt(6) == 0;
            double[] template = row(r, 0);
            for (int i = 0; i < n; i++) {
                double[] row = same ? template.clone() : row(r, 0.25 * r.nextDouble());
                rows.add(row);
                all.add(row);
                once.add("G" + g, row);
                GapAccumulator part = new GapAccumulator(IDEAL, NOW);
                part.add("G" + g, row);
                merged.merge("G" + g, Counts.fromBytes(Counts.toBytes(part.state("G" + g).orElseThrow()::write), merged::readState));
            }
            byGroup.add(rows);
        }
        List<String> groupOfRow = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < byGroup.get(g).size(); i++) {
                groupOfRow.add("G" + g);
            }
            if (byGroup.get(g).isEmpty()) {
                continue;
            }
            GapAccumulator.GapResult expected = fromRows(byGroup.get(g));
            assertClose(expected, once.result(once.state("G" + g).orElseThrow(), SuppressionPolicy.DEFAULT), "G" + g);
            assertClose(expected, merged.result(merged.state("G" + g).orElseThrow(), SuppressionPolicy.DEFAULT), "merged G" + g);
        }
        assertClose(fromRows(all), merged.result(merged.pooled(), SuppressionPolicy.DEFAULT), "pooled");
        // the ICC of person gaps across groups, from each group's gap table
        double[] gaps = new double[all.size()];
        for (int i = 0; i < gaps.length; i++) {
            double[] b = blank(all.get(i));
            gaps[i] = IDEAL.score(b) - NOW.score(b);
        }
        Icc rows = Icc.of(gaps, groupOfRow.toArray(String[]::new));
        List<Long> sizes = new ArrayList<>();
        List<Double> means = new ArrayList<>();
        List<Double> ss = new ArrayList<>();
        for (String g : merged.groups()) {
            ScoreDistribution d = merged.result(merged.state(g).orElseThrow(), SuppressionPolicy.DEFAULT).gaps();
            sizes.add(d.n());
            means.add(d.mean());
            ss.add(d.n() > 0 ? d.sumSquaredDeviations() : 0);
        }
        Icc states = Icc.fromGroups(sizes.stream().mapToLong(Long::longValue).toArray(),
                means.stream().mapToDouble(Double::doubleValue).toArray(), ss.stream().mapToDouble(Double::doubleValue).toArray());
        assertClose(rows, states, "icc");
    }

    @Test
    void allDifferencesEqualHaveZeroSdWhateverTheRoundingOfTheMean() {
        double d = 0.1 + 0.2; // not a sum of equal parts that divides back exactly
        double[] x = new double[7];
        double[] y = new double[7];
        java.util.Arrays.fill(x, d);
        PairedResult p = PairedComparison.compare(x, y);
        assertEquals(0, p.sdDifference());
        assertTrue(Double.isNaN(p.t()) && Double.isNaN(p.tP()));
    }

    @Test
    void aStateOfAnotherShapeIsRefused() {
        ScaleAccumulator three = new ScaleAccumulator(ScaleDefinition.of("t", new int[] {0, 1, 2}, new int[0], 1, 5));
        three.add("a", new double[] {1, 2, 3});
        byte[] bytes = Counts.toBytes(three.state("a").orElseThrow()::write);
        ScaleAccumulator six = new ScaleAccumulator(SCALE);
        assertThrows(IllegalArgumentException.class, () -> Counts.fromBytes(bytes, six::readState));
    }

    /** The figures as from the rows ({@link RealIdealGap}), with the rows blanked as the accumulator reads them. */
    private static GapAccumulator.GapResult fromRows(List<double[]> rows) {
        List<double[]> blanked = rows.stream().map(MergeableStatesTest::blank).toList();
        RealIdealGap.GapReport report = RealIdealGap.compare(IDEAL, NOW, blanked, SuppressionPolicy.DEFAULT);
        double first = 0;
        double second = 0;
        List<Double> gaps = new ArrayList<>();
        for (double[] b : blanked) {
            double i = IDEAL.score(b);
            double n = NOW.score(b);
            if (!Double.isNaN(i) && !Double.isNaN(n)) {
                first += i;
                second += n;
                gaps.add(i - n);
            }
        }
        return new GapAccumulator.GapResult(rows.size(), report, first / gaps.size(), second / gaps.size(),
                ScoreDistribution.of(gaps.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** A pair answered on one side only left out on both, as the app's compact rows. */
    private static double[] blank(double[] row) {
        double[] b = row.clone();
        for (int j = 0; j < PAIRS; j++) {
            if (Double.isNaN(b[j]) || Double.isNaN(b[PAIRS + j])) {
                b[j] = Double.NaN;
                b[PAIRS + j] = Double.NaN;
            }
        }
        return b;
    }

    private static double[] row(SplittableRandom r, double missing) {
        double[] row = new double[2 * PAIRS];
        for (int j = 0; j < PAIRS; j++) {
            int now = 1 + r.nextInt(5);
            row[j] = r.nextDouble() < missing ? Double.NaN : now;
            row[PAIRS + j] = r.nextDouble() < missing ? Double.NaN : Math.min(5, now + r.nextInt(3));
        }
        return row;
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static boolean[] reversed(int n, int at) {
        boolean[] b = new boolean[n];
        if (at >= 0) {
            b[at] = true;
        }
        return b;
    }

    /** Walks records, lists, maps, arrays and distributions; numbers to 1e-12 (relative when large). */
    static void assertClose(Object a, Object b, String path) {
        if (a == null || b == null) {
            assertEquals(a, b, path);
        } else if (a instanceof Double x && b instanceof Double y) {
            close(x, y, path);
        } else if (a instanceof double[] x && b instanceof double[] y) {
            assertEquals(x.length, y.length, path);
            for (int i = 0; i < x.length; i++) {
                close(x[i], y[i], path + "[" + i + "]");
            }
        } else if (a instanceof int[] x && b instanceof int[] y) {
            assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y), path);
        } else if (a instanceof boolean[] x && b instanceof boolean[] y) {
            assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y), path);
        } else if (a instanceof long[] x && b instanceof long[] y) {
            assertEquals(java.util.Arrays.toString(x), java.util.Arrays.toString(y), path);
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            assertEquals(x.size(), y.size(), path);
            for (int i = 0; i < x.size(); i++) {
                assertClose(x.get(i), y.get(i), path + "[" + i + "]");
            }
        } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            assertEquals(x.keySet(), y.keySet(), path);
            x.forEach((k, v) -> assertClose(v, y.get(k), path + "." + k));
        } else if (a instanceof Optional<?> x && b instanceof Optional<?> y) {
            assertClose(x.orElse(null), y.orElse(null), path);
        } else if (a instanceof ScoreDistribution x && b instanceof ScoreDistribution y) {
            assertClose(x.values(), y.values(), path + ".values");
            assertClose(x.counts(), y.counts(), path + ".counts");
        } else if (a.getClass().isRecord()) {
            assertEquals(a.getClass(), b.getClass(), path);
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                try {
                    assertClose(c.getAccessor().invoke(a), c.getAccessor().invoke(b), path + "." + c.getName());
                } catch (ReflectiveOperationException e) {
                    fail(e);
                }
            }
        } else {
            assertEquals(a, b, path);
        }
    }

    private static void close(double x, double y, String path) {
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            assertEquals(x, y, path);
        } else if (Math.abs(x - y) > EPS * Math.max(1, Math.abs(x))) {
            fail(path + ": " + x + " vs " + y);
        }
    }
}
