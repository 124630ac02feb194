package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.agreement.IccSums;

/**
 * The ICC's running sums ({@link IccSums}) equal the two-pass {@link Icc#fromGroups} of the groups
 * present, to 1e-12, after tens of thousands of groups added, changed and removed in random order:
 * no drift, whatever the history. Group moments are drawn as a Likert scale's are (sizes 0–40,
 * means of scores on 1–4 with small denominators close together, so the between-group sum cancels).
 */
class IccSumsTest {

    record Group(long size, double mean, double ss) {}

    @RepeatedTest(5)
    void runningSumsEqualTheTwoPassIccAfterAnyHistory(RepetitionInfo info) {
        Random random = new Random(31 + info.getCurrentRepetition());
        IccSums sums = new IccSums();
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Group g = group(random);
            groups.add(g);
            sums.add(g.size(), g.mean(), g.ss());
        }
        for (int change = 0; change < 30_000; change++) {
            int i = random.nextInt(groups.size());
            Group old = groups.get(i);
            sums.remove(old.size(), old.mean(), old.ss());
            if (random.nextInt(50) == 0) {
                groups.remove(i); // a group gone
            } else {
                Group now = group(random);
                groups.set(i, now);
                sums.add(now.size(), now.mean(), now.ss());
            }
            if (change % 5000 == 0) {
                same(twoPass(groups), sums.icc());
            }
        }
        same(twoPass(groups), sums.icc());
    }

    @Test
    void equalMeansGiveNoBetweenGroupVarianceAsTheTwoPassSumDoes() {
        IccSums sums = new IccSums();
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Group g = new Group(5 + i, 2.5, 1.25 * i);
            groups.add(g);
            sums.add(g.size(), g.mean(), g.ss());
            if (i % 2 == 1) {
                sums.remove(g.size(), g.mean(), g.ss());
                sums.add(g.size(), g.mean(), g.ss());
            }
        }
        Icc expected = twoPass(groups);
        Icc actual = sums.icc();
        assertEquals(0.0, expected.msb());
        assertEquals(0.0, actual.msb());
        assertEquals(expected.icc2(), actual.icc2());
        IccSums few = new IccSums();
        few.add(3, 2.0, 1.0);
        assertTrue(Double.isNaN(few.icc().icc1())); // one group: as fromGroups
    }

    static Group group(Random random) {
        long size = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(40);
        int m = 6 + random.nextInt(3); // items answered: scores are min + s/m
        double mean = size == 0 ? Double.NaN : 1 + (random.nextInt(3 * m * (int) size / 4 + 1) + 0.4 * m * size) / (m * (double) size);
        double ss = size < 2 ? 0 : random.nextDouble() * size * 0.6;
        return new Group(size, mean, ss);
    }

    static Icc twoPass(List<Group> groups) {
        long[] sizes = groups.stream().mapToLong(Group::size).toArray();
        double[] means = groups.stream().mapToDouble(Group::mean).toArray();
        double[] ss = groups.stream().mapToDouble(Group::ss).toArray();
        return Icc.fromGroups(sizes, means, ss);
    }

    static void same(Icc expected, Icc actual) {
        assertEquals(expected.groups(), actual.groups());
        assertEquals(expected.n(), actual.n());
        for (double[] pair : new double[][] {{expected.msb(), actual.msb()}, {expected.msw(), actual.msw()},
                {expected.icc1(), actual.icc1()}, {expected.icc2(), actual.icc2()}}) {
            assertTrue(Math.abs(pair[0] - pair[1]) <= 1e-12 * Math.max(1, Math.abs(pair[0])), pair[0] + " vs " + pair[1]);
        }
    }
}
