package org.uklad.analysis.compare;

import java.util.Arrays;

/** Mid-ranks with tie counts, as R {@code rank(x, ties.method = "average")}. */
final class Ranks {

    final double[] ranks;
    /** {@code Σ (t³ − t)} over tie groups */
    final double tieSum;

    private Ranks(double[] ranks, double tieSum) {
        this.ranks = ranks;
        this.tieSum = tieSum;
    }

    /** Ranks of {@code x} (values compared exactly, as R does). */
    static Ranks of(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        double tieSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mid = (i + j + 2) / 2.0;
            for (int q = i; q <= j; q++) {
                r[order[q]] = mid;
            }
            double t = j - i + 1;
            tieSum += t * t * t - t;
            i = j + 1;
        }
        return new Ranks(r, tieSum);
    }
}
