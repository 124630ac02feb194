package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ResponseScale;

/**
 * A kept scan's patched reads ({@link VersionScan#result} after {@link VersionScan#replace}, as
 * {@link WaveStatistics} makes them) equal a fresh scan fed every current state, to 1e-12 on every
 * figure and in every person-score table, through random sequences on the teachers' form (level,
 * agreement and gap constructs): schools publishing, schools appearing for the first time, codes
 * for schools without answers, a school shrinking below k and growing back (shown → suppressed →
 * shown, and the pooled figure withheld and shown again), several schools between two reads, reads
 * with nothing changed, and codes lists that are equal but not the same object. And a result once
 * returned never changes afterwards (readers share it).
 */
class PatchedReadTest {

    static final double EPS = 1e-12;
    final SuppressionPolicy policy = SuppressionPolicy.DEFAULT;

    @RepeatedTest(12)
    void patchedReadsEqualAFreshScanAndNeverChangeWhatWasReturned(RepetitionInfo info) throws Exception {
        Random random = new Random(2100 + info.getCurrentRepetition());
        VersionPlan plan = VersionPlan.of(new LoadedQuestionnaire(7, "teachers", 1, Instruments.bundledQuestionnaire("teachers")));
        assertThat(plan.gaps()).as("the form has gap constructs").isNotEmpty();
        int[][] range = ranges(plan);
        Map<Long, List<double[]>> rows = new HashMap<>();
        List<Long> codes = new ArrayList<>(List.of(10L, 20L, 30L));
        VersionScan kept = new VersionScan(plan, policy);
        List<QuestionnaireIndices> returned = new ArrayList<>();
        List<String> asReturned = new ArrayList<>();
        int reads = 0;
        for (int step = 0; step < 60; step++) {
            int changes = random.nextInt(4); // 0: a read with nothing new
            for (int i = 0; i < changes; i++) {
                long school = 10L * (1 + random.nextInt(12)); // some never in the codes: counts without codes
                List<double[]> mine = rows.computeIfAbsent(school, s -> new ArrayList<>());
                if (!mine.isEmpty() && random.nextInt(5) == 0) {
                    mine.subList(1 + random.nextInt(Math.min(mine.size(), 6)), mine.size()).clear(); // below k
                } else {
                    for (int r = 1 + random.nextInt(6); r > 0; r--) {
                        mine.add(row(range, random));
                    }
                }
                kept.replace(Long.toString(school), state(plan, school, mine));
            }
            List<Long> listed = codes;
            switch (random.nextInt(6)) {
                case 0 -> codes.add(1000L + step); // codes for a school without answers
                case 1 -> listed = new ArrayList<>(codes); // the same codes, another list
                default -> { }
            }
            QuestionnaireIndices read = kept.result(List.copyOf(listed), new PersonScores());
            kept.compact();
            reads++;
            returned.add(read);
            asReturned.add(read.toString());
            for (int r = 0; r < returned.size(); r++) {
                assertEquals(asReturned.get(r), returned.get(r).toString(), "read " + r + " changed after it was returned");
            }
        }
        assertThat(reads).isEqualTo(60);
    }

    @RepeatedTest(12)
    void everyPatchedReadEqualsTheFullComputation(RepetitionInfo info) throws Exception {
        Random random = new Random(4200 + info.getCurrentRepetition());
        VersionPlan plan = VersionPlan.of(new LoadedQuestionnaire(7, "teachers", 1, Instruments.bundledQuestionnaire("teachers")));
        int[][] range = ranges(plan);
        Map<Long, List<double[]>> rows = new HashMap<>();
        List<Long> codes = new ArrayList<>(List.of(10L, 20L, 30L));
        VersionScan kept = new VersionScan(plan, policy);
        for (int step = 0; step < 50; step++) {
            int changes = random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                long school = 10L * (1 + random.nextInt(12));
                List<double[]> mine = rows.computeIfAbsent(school, s -> new ArrayList<>());
                if (!mine.isEmpty() && random.nextInt(5) == 0) {
                    mine.subList(1 + random.nextInt(Math.min(mine.size(), 6)), mine.size()).clear();
                } else {
                    for (int r = 1 + random.nextInt(6); r > 0; r--) {
                        mine.add(row(range, random));
                    }
                }
                kept.replace(Long.toString(school), state(plan, school, mine));
            }
            if (random.nextInt(6) == 0) {
                codes.add(1000L + step);
            }
            List<Long> listed = random.nextBoolean() ? codes : new ArrayList<>(codes);
            PersonScores patchedScores = new PersonScores();
            QuestionnaireIndices patched = kept.result(List.copyOf(listed), patchedScores);
            kept.compact();

            VersionScan fresh = new VersionScan(plan, policy);
            rows.forEach((school, mine) -> fresh.merge(Long.toString(school), state(plan, school, mine)));
            PersonScores freshScores = new PersonScores();
            QuestionnaireIndices full = fresh.result(List.copyOf(listed), freshScores);
            assertClose(full, patched, "step " + step);
            for (ConstructIndex c : full.constructs()) {
                same(freshScores.pooled(7, c.construct()), patchedScores.pooled(7, c.construct()), c.construct() + " pooled");
                for (SchoolIndex s : c.schools()) {
                    same(freshScores.school(7, c.construct(), s.schoolId()), patchedScores.school(7, c.construct(), s.schoolId()),
                            c.construct() + " school " + s.schoolId());
                    assertThat(c.entryOf(s.schoolId())).isEqualTo(s);
                }
            }
        }
    }

    /** A school's state as publishing writes it: its rows added to an empty scan. */
    static byte[] state(VersionPlan plan, long school, List<double[]> rows) {
        VersionScan one = new VersionScan(plan, SuppressionPolicy.DEFAULT);
        for (double[] row : rows) {
            one.add(Long.toString(school), row);
        }
        return one.state(Long.toString(school));
    }

    /** Per column of the plan, the points of its item's scale. */
    static int[][] ranges(VersionPlan plan) {
        int[][] range = new int[plan.columns().size()][];
        for (Item item : plan.source().questionnaire().items()) {
            Integer column = plan.columns().get(item.id());
            if (column != null) {
                ResponseScale s = plan.source().questionnaire().scales().get(item.scale());
                range[column] = new int[] {s.min(), s.max()};
            }
        }
        return range;
    }

    /** Random answers, about a fifth missing (some respondents too few for a score); some agree on everything. */
    static double[] row(int[][] range, Random random) {
        double skip = random.nextInt(3) == 0 ? 0.6 : 0.1;
        int lean = random.nextInt(4) == 0 ? -1 : random.nextInt(2);
        double[] row = new double[range.length];
        for (int c = 0; c < row.length; c++) {
            int span = range[c][1] - range[c][0];
            row[c] = random.nextDouble() < skip ? Double.NaN
                    : lean < 0 ? range[c][1] : range[c][0] + Math.min(span, lean + random.nextInt(span + 1));
        }
        return row;
    }

    static void same(Optional<ScoreDistribution> a, Optional<ScoreDistribution> b, String path) {
        assertEquals(a.isPresent(), b.isPresent(), path);
        if (a.isPresent()) {
            assertThat(b.get().values()).as(path).containsExactly(a.get().values());
            assertThat(b.get().counts()).as(path).containsExactly(a.get().counts());
        }
    }

    /** Records compared component by component, numbers to 1e-12 (relative above 1), the rest equal. */
    static void assertClose(Object a, Object b, String path) throws Exception {
        if (a instanceof Double x && b instanceof Double y) {
            if (Math.abs(x - y) > EPS * Math.max(1, Math.abs(x))) {
                fail(path + ": " + x + " vs " + y);
            }
        } else if (a instanceof Record && b != null && a.getClass() == b.getClass()) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                assertClose(rc.getAccessor().invoke(a), rc.getAccessor().invoke(b), path + "." + rc.getName());
            }
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            assertEquals(x.size(), y.size(), path);
            for (int i = 0; i < x.size(); i++) {
                assertClose(x.get(i), y.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(a, b, path);
        }
    }
}
