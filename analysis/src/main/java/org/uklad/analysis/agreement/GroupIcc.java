package org.uklad.analysis.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.uklad.analysis.ScoreDistribution;

/**
 * The ICC across an accumulator's groups kept up to date group by group ({@code ScaleAccumulator},
 * {@code GapAccumulator}): a group's moments are counted in {@link IccSums} once it is finished,
 * taken out when it is about to change, and the groups not counted are noted, so the ICC after a
 * few groups changed finishes and counts those groups only. Not thread-safe (as its accumulator).
 */
public final class GroupIcc {

    /** One group's moments (of its finished scores) and whether they are in the sums. */
    public static final class Moments {
        private long size;
        private double mean;
        private double ss;
        private boolean counted;

        /** Whether the moments are in the sums (a group in the sums must be taken out before it changes). */
        public boolean counted() {
            return counted;
        }

        /** The moments of the group's finished scores; only while not counted. */
        public void set(ScoreDistribution scores) {
            if (counted) {
                throw new IllegalStateException("moments changed while counted");
            }
            size = scores.n();
            mean = scores.mean();
            ss = size > 0 ? scores.sumSquaredDeviations() : 0;
        }
    }

    private final IccSums sums = new IccSums();
    /** Groups not counted (new or changed since), by key; a key may repeat or be counted since. */
    private final List<String> uncounted = new ArrayList<>();

    /** A group is new, or about to change: out of the sums until {@link #count counted} again. */
    public void changing(String key, Moments m) {
        if (m.counted) {
            sums.remove(m.size, m.mean, m.ss);
            m.counted = false;
        }
        uncounted.add(key);
    }

    /** Counts a finished group's moments, once. */
    public void count(Moments m) {
        if (!m.counted) {
            sums.add(m.size, m.mean, m.ss);
            m.counted = true;
        }
    }

    /**
     * The ICC of every group: {@code finish} is given each group noted as not counted (it finishes
     * the group if it still is not, which counts it), then the sums are read.
     */
    public Icc icc(Consumer<String> finish) {
        for (String key : uncounted) {
            finish.accept(key);
        }
        uncounted.clear();
        return sums.icc();
    }
}
