package org.uklad.analysis.compare;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.uklad.analysis.Counts;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.agreement.GroupIcc;
import org.uklad.analysis.scale.ScaleDefinition;

/**
 * One-pass, mergeable accumulator of paired gaps per group ({@link RealIdealGap} without keeping
 * the rows): each respondent rates the same items twice (e.g. the school as it is and as it should
 * be); the gap is {@code first − second}, per item and per person score.
 *
 * <p>Only pairs answered on both sides count: a pair answered on one side is left out on both, so
 * a person's two scores rest on the same items and the same number {@code m} of them; a person has
 * a gap when {@code m} reaches the scales' {@link ScaleDefinition#minAnswered()}.
 *
 * <p><b>The state, and why it is exact.</b> Per group ({@link State}), integers only:
 * <ul>
 *   <li>per pair, the counts of (recoded first category, recoded second category) over the people
 *       who answered the pair on both sides: the item gaps are integers, so their frequency table
 *       gives the paired t test, the signed-rank test (ranks and ties of |d|) and the means;
 *   <li>per person with a gap, the count of (pairs answered {@code m}, sum {@code a} of the first
 *       side's recoded categories, sum {@code b} of the second's): a person's scores are
 *       {@code (a + m·min)/m} and {@code (b + m·min)/m} and the gap is their difference, computed
 *       in floating point exactly as from the row ({@link ScaleDefinition#score} sums integers and
 *       divides once), so the table holds the very same gap values with their counts, ties
 *       included, and the tests, means and the ICC's group moments follow from it;
 *   <li>the number of rows added (respondents, with a gap or not).
 * </ul>
 * Counts add, so states of parts of a group merge into the state of the whole in any order and
 * split. The person table has at most {@code (P+1)·(P(A−1)+1)²} cells for P pairs of A categories
 * and holds only the cells that occur.
 */
public final class GapAccumulator {

    private final ScaleDefinition first;
    private final ScaleDefinition second;
    private final int pairs;
    private final int cats;
    private final int min;
    private final int sumRange;
    private final int minAnswered;
    private final int[] firstItems;
    private final int[] secondItems;
    private final Map<String, State> groups = new LinkedHashMap<>();
    /** The sum of every group's state once asked for, then kept up to date (null: sum when next needed). */
    private State pooled;
    /** The ICC of the people's gaps across the groups, kept up to date group by group. */
    private final GroupIcc groupIcc = new GroupIcc();
    /** States that hold counts and are not yet let go by {@link #compact} (new or replaced since). */
    private List<State> holding = new ArrayList<>();

    /**
     * @param first  the side the gap is measured from (the ideal, for the codebook's ideal − now)
     * @param second the other side: same number of items, categories and answered share; item
     *               {@code j} of one is paired with item {@code j} of the other
     */
    public GapAccumulator(ScaleDefinition first, ScaleDefinition second) {
        this.first = Objects.requireNonNull(first, "first");
        this.second = Objects.requireNonNull(second, "second");
        if (first.size() != second.size() || first.min() != second.min() || first.max() != second.max()
                || first.minAnswered() != second.minAnswered()) {
            throw new IllegalArgumentException("the two sides differ in items, categories or answered share");
        }
        this.pairs = first.size();
        this.cats = first.categories();
        this.min = first.min();
        this.sumRange = pairs * (cats - 1) + 1;
        this.minAnswered = first.minAnswered();
        this.firstItems = first.items();
        this.secondItems = second.items();
    }

    /**
     * Adds one response row to a group.
     *
     * @param row item values; reads the positions of both scales; NaN = missing
     * @throws IllegalArgumentException when an answered value is not an integer in {@code min..max}
     */
    public void add(String group, double[] row) {
        State g = changing(group);
        pooled = null;
        g.changes++;
        g.rows++;
        int m = 0;
        int a = 0;
        int b = 0;
        int[] cell = new int[pairs];
        for (int j = 0; j < pairs; j++) {
            double x = row[firstItems[j]];
            double y = row[secondItems[j]];
            if (Double.isNaN(x) || Double.isNaN(y)) {
                cell[j] = -1;
                continue;
            }
            int cx = category(first.recode(j, x), x);
            int cy = category(second.recode(j, y), y);
            cell[j] = (j * cats + cx) * cats + cy;
            m++;
            a += cx;
            b += cy;
        }
        for (int c : cell) {
            if (c >= 0) {
                g.pairCounts[c]++;
            }
        }
        if (m >= minAnswered) {
            g.persons.computeIfAbsent((m * sumRange + a) * sumRange + b, x -> new long[1])[0]++;
        }
    }

    private int category(double recoded, double raw) {
        int v = (int) recoded;
        if (v != recoded || v < min || v > first.max()) {
            throw new IllegalArgumentException("value " + raw + " outside " + min + ".." + first.max());
        }
        return v - min;
    }

    /** The groups added so far, in the order they first came. */
    public Set<String> groups() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    /** The state of a group so far (live), empty if it has none. */
    public Optional<State> state(String group) {
        return Optional.ofNullable(groups.get(group));
    }

    /** Adds a state of these scales (read back by {@link #readState}) to a group, as if its rows were added again. */
    public void merge(String group, State state) {
        if (state.pairCounts.length != pairs * cats * cats) {
            throw new IllegalArgumentException("a state of other scales");
        }
        State into = changing(group);
        into.add(state);
        if (pooled != null) {
            pooled.add(state);
        }
    }

    /**
     * Sets a group's state to {@code state}, dropping what it held (a stored state written again
     * since it was read); the pooled state is updated by subtracting the old counts and adding the
     * new, exactly (integers).
     */
    public void replace(String group, State state) {
        replace(group, state, null);
    }

    /**
     * {@link #replace(String, State)} for a group whose state may have been {@link #compact
     * compacted}: {@code previous} holds the counts it held (read back from where they were
     * stored); null to use the group's own.
     */
    public void replace(String group, State state, State previous) {
        if (state.pairCounts.length != pairs * cats * cats) {
            throw new IllegalArgumentException("a state of other scales");
        }
        if (state.owner != null && state.owner != this) {
            State copy = new State(pairs, cats); // another accumulator's group: its finished figures are that one's
            copy.add(state);
            state = copy;
        }
        state.owner = this;
        State old = groups.put(group, state);
        if (old != null && old != state) {
            old.retired = true;
        }
        groupIcc.changing(group, old != null ? old.moments : state.moments);
        holding.add(state);
        if (pooled != null) {
            State counts = previous != null ? previous : old;
            if (counts != null) {
                counts.requireCounts();
                pooled.subtract(counts);
            }
            pooled.add(state);
        }
    }

    /**
     * Lets go of the counts of every group whose figures are finished and current, keeping the
     * figures and the pooled counts (see {@code ScaleAccumulator.compact}).
     */
    public void compact() {
        if (pooled == null) {
            return;
        }
        List<State> still = new ArrayList<>();
        for (State g : holding) {
            if (g.retired || g.finished != null && g.finishedAt == g.changes) {
                g.pairCounts = null;
                g.persons = null;
            } else if (g.pairCounts != null) {
                still.add(g);
            }
        }
        holding = still;
    }

    /**
     * A group's state about to change: made if new, its counts decoded if it was kept compact, and
     * its moments taken out of the ICC's sums until its next figures ({@link GroupIcc#changing}).
     */
    private State changing(String group) {
        State g = groups.get(group);
        if (g == null) {
            return newGroup(group); // new: noted as changing already, nothing counted yet
        }
        g.requireCounts();
        if (g.moments.counted()) {
            groupIcc.changing(group, g.moments);
        }
        return g;
    }

    /** A new, empty group of this accumulator: not yet counted in the ICC, holding counts. */
    private State newGroup(String key) {
        State g = new State(pairs, cats);
        g.owner = this;
        groups.put(key, g);
        groupIcc.changing(key, g.moments);
        holding.add(g);
        return g;
    }

    /** The sum of every group's state: the pooled group (kept, so do not change it). */
    public State pooled() {
        if (pooled == null) {
            State all = new State(pairs, cats);
            groups.values().forEach(State::requireCounts);
            groups.values().forEach(all::add);
            pooled = all;
        }
        return pooled;
    }

    /**
     * The figures of a group's state, as {@link #result(State, SuppressionPolicy)}, kept until the
     * group's state changes: a group untouched since the last call is not finished again.
     *
     * @return empty for a group without a state
     */
    public Optional<GapResult> result(String group, SuppressionPolicy policy) {
        State s = groups.get(group);
        return s == null ? Optional.empty() : Optional.of(counted(s, policy));
    }

    /**
     * ICC(1)/ICC(2) of the people's gaps across every group (empty groups left out), as
     * {@code Icc.fromGroups} of the groups' {@link GapResult#gaps()}: the groups changed since the
     * last call are finished and counted, the others' moments are already in the sums.
     */
    public Icc icc(SuppressionPolicy policy) {
        return groupIcc.icc(key -> {
            State g = groups.get(key);
            if (g != null) {
                counted(g, policy);
            }
        });
    }

    /** A group's figures, with its gap moments counted in the ICC's sums. */
    private GapResult counted(State s, SuppressionPolicy policy) {
        GapResult r = finished(s, policy);
        if (!s.moments.counted()) {
            s.moments.set(r.gaps());
            groupIcc.count(s.moments);
        }
        return r;
    }

    /** The figures of the pooled state, kept until a group's state changes. */
    public GapResult pooledResult(SuppressionPolicy policy) {
        return finished(pooled(), policy);
    }

    private GapResult finished(State s, SuppressionPolicy policy) {
        if (s.finished == null || s.finishedAt != s.changes || s.finishedFor != policy) {
            s.requireCounts();
            s.finished = result(s, policy);
            s.finishedAt = s.changes;
            s.finishedFor = policy;
        }
        return s.finished;
    }

    /** Reads a state written by {@link State#write}. */
    public State readState(DataInput in) throws IOException {
        State s = new State(pairs, cats);
        s.rows = Counts.readVar(in);
        long[] pc = Counts.read(in, s.pairCounts.length);
        System.arraycopy(pc, 0, s.pairCounts, 0, pc.length);
        long cells = Counts.readVar(in);
        int key = -1;
        int limit = (pairs + 1) * sumRange * sumRange;
        for (long c = 0; c < cells; c++) {
            key += (int) Counts.readVar(in);
            if (key < 0 || key >= limit) {
                throw new IOException("person cell " + key + " outside " + limit);
            }
            s.persons.put(key, new long[] {Counts.readVar(in)});
        }
        return s;
    }

    /**
     * The gaps of one group's state.
     *
     * @param rows       respondents added, with a gap or not
     * @param gap        the person-score gap and each pair's gap (first − second), suppressed below the policy's k
     * @param firstMean  mean first-side score of the people with a gap (NaN for none)
     * @param secondMean mean second-side score of the same people
     * @param gaps       the people's gaps as a frequency table (for the ICC across groups)
     */
    public record GapResult(long rows, RealIdealGap.GapReport gap, double firstMean, double secondMean,
                            ScoreDistribution gaps) {}

    /** The figures of a state (a group's, or {@link #pooled()}). */
    public GapResult result(State s, SuppressionPolicy policy) {
        int cells = s.persons.size();
        double[] gapValues = new double[cells];
        long[] gapCounts = new long[cells];
        double firstSum = 0;
        double secondSum = 0;
        long n = 0;
        int p = 0;
        for (Map.Entry<Integer, long[]> e : s.persons.entrySet()) {
            int key = e.getKey();
            int b = key % sumRange;
            int a = (key / sumRange) % sumRange;
            int m = key / sumRange / sumRange;
            // as ScaleDefinition.score: the integer sum of recoded answers over the answered count
            double firstScore = (double) (a + m * min) / m;
            double secondScore = (double) (b + m * min) / m;
            long count = e.getValue()[0];
            gapValues[p] = firstScore - secondScore;
            gapCounts[p++] = count;
            firstSum += count * firstScore;
            secondSum += count * secondScore;
            n += count;
        }
        ScoreDistribution gaps = ScoreDistribution.of(gapValues, gapCounts);
        List<Suppressible<PairedResult>> items = new ArrayList<>(pairs);
        for (int j = 0; j < pairs; j++) {
            double[] values = new double[2 * cats - 1];
            long[] counts = new long[2 * cats - 1];
            for (int d = 0; d < values.length; d++) {
                values[d] = d - (cats - 1);
            }
            for (int cx = 0; cx < cats; cx++) {
                for (int cy = 0; cy < cats; cy++) {
                    counts[cx - cy + cats - 1] += s.pairCounts[(j * cats + cx) * cats + cy];
                }
            }
            items.add(PairedComparison.of(ScoreDistribution.of(values, counts), policy));
        }
        return new GapResult(s.rows, new RealIdealGap.GapReport(PairedComparison.of(gaps, policy), items),
                firstSum / n, secondSum / n, gaps);
    }

    /**
     * The integer state of one group (see the class comment): rows, per-pair category-pair counts,
     * and the person table by (pairs answered, first sum, second sum). Mergeable and storable.
     */
    public static final class State {
        long rows;
        long[] pairCounts;
        TreeMap<Integer, long[]> persons = new TreeMap<>();
        /** Changes made to the counts; {@code finished} holds for {@code finishedAt} under {@code finishedFor}. */
        long changes;
        long finishedAt = -1;
        GapResult finished;
        SuppressionPolicy finishedFor;
        /** The gap moments, for the owner's ICC. */
        final GroupIcc.Moments moments = new GroupIcc.Moments();
        /** Replaced by another state of its group: its counts are not needed any more. */
        boolean retired;
        /** The accumulator whose group this is (null: read back, not placed yet). */
        GapAccumulator owner;

        private State(int pairs, int cats) {
            pairCounts = new long[pairs * cats * cats];
        }

        /** @return the rows added, with a gap or not */
        public long rows() {
            return rows;
        }

        /** Writes the counts compactly ({@link Counts}); read back by {@link GapAccumulator#readState}. */
        public void write(DataOutput out) throws IOException {
            requireCounts();
            Counts.writeVar(out, rows);
            Counts.write(out, pairCounts);
            Counts.writeVar(out, persons.size());
            int last = -1;
            for (Map.Entry<Integer, long[]> e : persons.entrySet()) {
                Counts.writeVar(out, e.getKey() - last);
                Counts.writeVar(out, e.getValue()[0]);
                last = e.getKey();
            }
        }

        void requireCounts() {
            if (pairCounts == null) {
                throw new IllegalStateException("the counts of this state were let go (compact)");
            }
        }

        void add(State o) {
            changes++;
            rows += o.rows;
            for (int i = 0; i < pairCounts.length; i++) {
                pairCounts[i] += o.pairCounts[i];
            }
            o.persons.forEach((key, count) -> persons.computeIfAbsent(key, x -> new long[1])[0] += count[0]);
        }

        /** Takes away counts added before; a person cell that falls to zero is removed, as if never added. */
        void subtract(State o) {
            changes++;
            rows -= o.rows;
            for (int i = 0; i < pairCounts.length; i++) {
                pairCounts[i] -= o.pairCounts[i];
            }
            o.persons.forEach((key, count) -> {
                long[] cell = persons.get(key);
                if (cell == null || cell[0] < count[0]) {
                    throw new IllegalStateException("subtracting counts that were never added");
                }
                cell[0] -= count[0];
                if (cell[0] == 0) {
                    persons.remove(key);
                }
            });
        }
    }
}
