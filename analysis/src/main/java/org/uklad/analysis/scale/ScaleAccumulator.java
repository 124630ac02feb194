package org.uklad.analysis.scale;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.uklad.analysis.Counts;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.Agreement;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.agreement.GroupIcc;
import org.uklad.analysis.reliability.CronbachAlpha;

/**
 * One-pass, bounded-memory accumulator of a scale's statistics per group.
 *
 * <p>Feed it response rows ({@link #add(String, double[])}: a group key such as a school id, and
 * the row's item values with {@code NaN} for a missing answer) in any order, then call
 * {@link #report()}. Per group it keeps only integer sufficient statistics, so memory grows with
 * groups × items², not with respondents, and the results are exact up to the final division:
 *
 * <ul>
 *   <li>a histogram of person scores indexed by (answered items {@code m}, sum of recoded answers
 *       {@code s}): the score {@code min + s/m} takes at most {@code (J+1)(J(A−1)+1)} values, so
 *       the mean, SD, CI and the exact median come from it;
 *   <li>per-item category counts over every answer, scored person or not (item n, mean, SD,
 *       distribution, percent favourable, and the scale's pooled distribution and percent
 *       favourable): a statement's figures count every answer to it, as R's
 *       {@code colMeans(x, na.rm = TRUE)}, SPSS and Excel do, while the person score keeps its
 *       two-thirds rule;
 *   <li>over complete cases: per-item category counts and the cross-product matrix (alpha,
 *       rWG(J), AD).
 * </ul>
 *
 * <p>Rows are assumed sorted or clustered by group (as from {@code ORDER BY school}); the last
 * group's state is cached, so a clustered stream costs one hash lookup per group, not per row.
 * Not thread-safe: use one accumulator per thread and {@link #combine} them.
 *
 * <p><b>Mergeable, storable state.</b> A group's {@link State} is nothing but these integer counts,
 * and every figure of {@link #report()} is a function of the counts alone. Counts add: the state of
 * the rows of A and of B is the cell-wise sum of the state of A and the state of B, whatever the
 * order or split of the rows. So a group's state may be exported ({@link #state}, {@link
 * State#write}), kept elsewhere (a database row), read back ({@link #readState}), grown by more rows
 * and merged into an accumulator ({@link #merge}); the report from merged states equals the report
 * from one pass over all the rows, up to the order of the final floating-point sums across groups.
 *
 * <p>Statistics and their references: see {@link Descriptives}, {@link CronbachAlpha},
 * {@link Agreement}, {@link Icc}. Small groups: a group with fewer scored persons than
 * {@link SuppressionPolicy#minGroupSize()} is {@link Suppressible.Suppressed}, as is an item,
 * alpha or agreement of a group with too few answers or complete cases.
 */
public final class ScaleAccumulator {

    /** Group key of the pooled result over all groups. */
    public static final String ALL = "*";

    private final ScaleDefinition scale;
    private final SuppressionPolicy policy;
    private final int k;
    private final int cats;
    private final int min;
    private final int max;
    private final int minAnswered;
    private final int sumRange;
    private final int[] items;
    private final boolean[] rev;
    private final int[] buf;
    private final Map<String, State> groups = new LinkedHashMap<>();
    private String lastKey;
    private State last;
    /**
     * The sum of every group's state, kept once asked for and then updated by {@link #replace} and
     * {@link #merge} (null: not known, summed when next needed); with its finished result.
     */
    private State pooled;
    private Suppressible<GroupScaleResult> pooledResult;
    private ScoreDistribution pooledDistribution;
    /** The ICC across the groups, kept up to date group by group (the ICC after a few groups changed costs those). */
    private final GroupIcc groupIcc = new GroupIcc();
    /** States that hold counts and are not yet let go by {@link #compact} (new or replaced since). */
    private List<State> holding = new ArrayList<>();

    /** An accumulator for {@code scale} with the given small-group rule. */
    public ScaleAccumulator(ScaleDefinition scale, SuppressionPolicy policy) {
        this.scale = Objects.requireNonNull(scale, "scale");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.k = scale.size();
        this.cats = scale.categories();
        this.min = scale.min();
        this.max = scale.max();
        this.minAnswered = scale.minAnswered();
        this.sumRange = k * (cats - 1) + 1;
        this.items = scale.items();
        this.rev = scale.reversed();
        this.buf = new int[k];
    }

    /** An accumulator with the default small-group rule (k = 5). */
    public ScaleAccumulator(ScaleDefinition scale) {
        this(scale, SuppressionPolicy.DEFAULT);
    }

    /** @return the scale */
    public ScaleDefinition scale() {
        return scale;
    }

    /**
     * Adds one response row.
     *
     * @param group group key (school, class, role...)
     * @param row item values; the scale reads positions {@link ScaleDefinition#items()}; NaN = missing
     * @throws IllegalArgumentException when an answered value is not an integer in {@code min..max}
     */
    public void add(String group, double[] row) {
        State g;
        if (last != null && group.equals(lastKey)) {
            g = last; // rows of one group in a row: no look-up
            if (g.moments.counted()) {
                groupIcc.changing(group, g.moments);
            }
        } else {
            g = changing(group);
            last = g;
            lastKey = group;
        }
        pooled = null;
        g.changes++;
        g.rows++;
        int answered = 0;
        int sum = 0;
        for (int j = 0; j < k; j++) {
            double x = row[items[j]];
            if (x != x) {
                buf[j] = -1;
                continue;
            }
            int v = (int) x;
            if (v != x || v < min || v > max) {
                throw new IllegalArgumentException(
                        "item " + items[j] + " of scale " + scale.name() + ": value " + x + " outside " + min + ".." + max);
            }
            int c = rev[j] ? max - v : v - min;
            buf[j] = c;
            answered++;
            sum += c;
        }
        // every answer counts for its statement, as in R, SPSS and Excel; only the score needs two thirds
        long[] answers = g.answers;
        for (int j = 0; j < k; j++) {
            if (buf[j] >= 0) {
                answers[j * cats + buf[j]]++;
            }
        }
        if (answered < minAnswered) {
            return;
        }
        g.hist[answered * sumRange + sum]++;
        if (answered == k) {
            g.complete++;
            long[] ccCounts = g.ccCounts;
            long[] cross = g.cross;
            int p = 0;
            for (int i = 0; i < k; i++) {
                int ci = buf[i];
                ccCounts[i * cats + ci]++;
                for (int j = i; j < k; j++) {
                    cross[p++] += ci * buf[j];
                }
            }
        }
    }

    /**
     * Merges {@code other} (same scale) into this accumulator and returns this.
     */
    public ScaleAccumulator combine(ScaleAccumulator other) {
        if (!scale.equals(other.scale)) {
            throw new IllegalArgumentException("different scales");
        }
        for (Map.Entry<String, State> e : other.groups.entrySet()) {
            merge(e.getKey(), e.getValue());
        }
        return this;
    }

    /** The groups added so far, in the order they first came. */
    public Set<String> groups() {
        return java.util.Collections.unmodifiableSet(groups.keySet());
    }

    /** The state of a group so far (live: a later {@link #add} changes it), empty if it has none. */
    public Optional<State> state(String group) {
        return Optional.ofNullable(groups.get(group));
    }

    /**
     * Adds a state of this scale (kept from earlier rows, read back by {@link #readState}) to a
     * group, as if its rows were added again.
     *
     * @throws IllegalArgumentException for a state of another shape
     */
    public void merge(String group, State state) {
        requireShape(state);
        State into = changing(group);
        into.add(state);
        if (pooled != null) {
            pooled.add(state);
            pooledResult = null;
        }
    }

    /**
     * Sets a group's state to {@code state} (same scale), dropping what the group held: for a
     * group whose stored state was written again since it was read. The pooled state is updated
     * by subtracting the old counts and adding the new ones — integers, so it equals the sum of
     * the groups' states exactly — and only this group's figures are finished again at the next
     * {@link #report()}.
     *
     * @throws IllegalArgumentException for a state of another shape
     */
    public void replace(String group, State state) {
        replace(group, state, null);
    }

    /**
     * {@link #replace(String, State)} for a group whose state may have been {@link #compact
     * compacted}: {@code previous} holds the counts the group held (read back from where they were
     * stored), to take from the pooled state; null to use the group's own.
     */
    public void replace(String group, State state, State previous) {
        requireShape(state);
        if (state.owner != null && state.owner != this) {
            State copy = newState(); // another accumulator's group: its finished figures are that one's
            copy.add(state);
            state = copy;
        }
        state.owner = this;
        State old = groups.put(group, state);
        if (last == old) {
            last = null;
            lastKey = null;
        }
        if (old != null && old != state) {
            old.retired = true;
        }
        if (old != null) {
            groupIcc.changing(group, old.moments); // out of the sums; the key noted for the new state
        } else {
            groupIcc.changing(group, state.moments);
        }
        holding.add(state);
        if (pooled != null) {
            State counts = previous != null ? previous : old;
            if (counts != null) {
                counts.requireCounts();
                pooled.subtract(counts);
            }
            pooled.add(state);
            pooledResult = null;
        }
    }

    /**
     * Lets go of the counts of every group whose figures are finished and current, keeping the
     * figures and the pooled counts: for an accumulator kept between reads that only ever
     * {@link #replace replaces} groups afterwards (the caller keeps each group's counts in their
     * compact stored form). A compacted group cannot be added to, merged into or written out.
     */
    public void compact() {
        if (pooled == null) {
            return; // the pooled counts would have to be summed from the groups again
        }
        // only the states that came or changed since the last compact: a kept accumulator's
        // compact after a few groups were replaced costs those groups, not all of them
        List<State> still = new ArrayList<>();
        for (State g : holding) {
            if (g.retired || g.result != null && g.finishedAt == g.changes) {
                g.hist = null;
                g.answers = null;
                g.ccCounts = null;
                g.cross = null;
            } else if (g.hist != null) {
                still.add(g);
            }
        }
        holding = still;
        last = null;
        lastKey = null;
    }

    private void requireShape(State state) {
        if (state.hist.length != (k + 1) * sumRange || state.answers.length != k * cats) {
            throw new IllegalArgumentException("a state of another scale");
        }
    }

    /** Reads a state of this scale written by {@link State#write}. */
    public State readState(DataInput in) throws IOException {
        State s = new State(Counts.readVar(in), Counts.readVar(in), Counts.read(in, (k + 1) * sumRange),
                Counts.read(in, k * cats), Counts.read(in, k * cats), Counts.read(in, k * (k + 1) / 2));
        return s;
    }

    private State newState() {
        return new State(0, 0, new long[(k + 1) * sumRange], new long[k * cats], new long[k * cats],
                new long[k * (k + 1) / 2]);
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
        State g = newState();
        g.owner = this;
        groups.put(key, g);
        groupIcc.changing(key, g.moments);
        holding.add(g);
        return g;
    }

    /**
     * @return the per-group, pooled and ICC results of everything added so far. A group whose
     *         state has not changed since it was last finished keeps its finished result (the same
     *         object), so a report after a few groups changed finishes only those groups and the
     *         pooled figures; the ICC's sums are kept up to date group by group ({@link #icc}).
     *         To read only what changed, see {@link #result(String)}, {@link #pooledResult()}, {@link #icc()}.
     */
    public ScaleReport report() {
        Map<String, Suppressible<GroupScaleResult>> out = new LinkedHashMap<>();
        for (Map.Entry<String, State> e : groups.entrySet()) {
            out.put(e.getKey(), finish(e.getKey(), e.getValue()));
        }
        return new ScaleReport(scale, out, pooledResult(), icc());
    }

    /**
     * One group's result as {@link #report()} gives it, finished only if its state changed since
     * it was last finished (else the same object as before).
     *
     * @return empty for a group without a state
     */
    public Optional<Suppressible<GroupScaleResult>> result(String group) {
        State g = groups.get(group);
        return g == null ? Optional.empty() : Optional.of(finish(group, g));
    }

    /** All groups pooled, as {@link #report()} gives it: finished again only after a group changed. */
    public Suppressible<GroupScaleResult> pooledResult() {
        if (pooled == null) {
            groups.values().forEach(State::requireCounts);
            State all = newState();
            groups.values().forEach(all::add);
            pooled = all;
            pooledResult = null;
        }
        if (pooledResult == null) {
            pooledDistribution = distribution(pooled);
            pooledResult = result(ALL, pooled, pooledDistribution);
        }
        return pooledResult;
    }

    /**
     * ICC(1)/ICC(2) of person scores across every group, as {@link #report()} gives it: the groups
     * changed since the last call are finished and their moments counted ({@link GroupIcc}), the
     * others' are already in the sums.
     */
    public Suppressible<Icc> icc() {
        pooledResult();
        Icc icc = groupIcc.icc(key -> {
            State g = groups.get(key);
            if (g != null) {
                finish(key, g);
            }
        });
        return policy.apply(pooledDistribution.n(), () -> icc);
    }

    /** A group's result, finished again if its counts changed, and its moments counted in the ICC's sums. */
    private Suppressible<GroupScaleResult> finish(String key, State g) {
        if (g.finishedAt != g.changes || g.result == null) {
            ScoreDistribution d = distribution(g);
            g.moments.set(d);
            g.result = result(key, g, d);
            g.finishedAt = g.changes;
        }
        groupIcc.count(g.moments);
        return g.result;
    }

    private ScoreDistribution distribution(State g) {
        int cells = 0;
        for (long c : g.hist) {
            if (c != 0) {
                cells++;
            }
        }
        double[] values = new double[cells];
        long[] counts = new long[cells];
        int p = 0;
        for (int idx = 0; idx < g.hist.length; idx++) {
            if (g.hist[idx] != 0) {
                int m = idx / sumRange;
                int s = idx % sumRange;
                values[p] = min + (double) s / m;
                counts[p++] = g.hist[idx];
            }
        }
        return ScoreDistribution.of(values, counts);
    }

    private Suppressible<GroupScaleResult> result(String key, State g, ScoreDistribution d) {
        if (!policy.allows(d.n())) {
            return Suppressible.suppressed();
        }
        Descriptives score = d.descriptives();
        double span = max - min;
        Descriptives score100 = score.linear(-100.0 * min / span, 100.0 / span);
        int favFrom = scale.favourableFrom() - min;
        long[] catTotals = new long[cats];
        long total = 0;
        List<Suppressible<ItemSummary>> itemResults = new ArrayList<>(k);
        for (int j = 0; j < k; j++) {
            long n = 0;
            double s = 0;
            long fav = 0;
            for (int c = 0; c < cats; c++) {
                long cnt = g.answers[j * cats + c];
                catTotals[c] += cnt;
                n += cnt;
                s += cnt * (double) (min + c);
                if (c >= favFrom) {
                    fav += cnt;
                }
            }
            total += n;
            final int pos = j;
            final long nn = n;
            final double mean = s / n;
            final long favourable = fav;
            itemResults.add(policy.apply(n, () -> {
                double ssd = 0;
                double[] shares = new double[cats];
                for (int c = 0; c < cats; c++) {
                    long cnt = g.answers[pos * cats + c];
                    ssd += cnt * (min + c - mean) * (min + c - mean);
                    shares[c] = (double) cnt / nn;
                }
                double sd = nn > 1 ? Math.sqrt(ssd / (nn - 1)) : Double.NaN;
                return new ItemSummary(pos, nn, mean, sd, shares, 100.0 * favourable / nn);
            }));
        }
        double[] shares = new double[cats];
        long fav = 0;
        for (int c = 0; c < cats; c++) {
            shares[c] = (double) catTotals[c] / total;
            if (c >= favFrom) {
                fav += catTotals[c];
            }
        }
        double percentFavourable = 100.0 * fav / total;
        double[][] cov = covariance(g);
        var reliability = policy.apply(g.complete, () -> CronbachAlpha.fromCovariance(g.complete, cov));
        var agreement = policy.apply(g.complete, () -> {
            double[] var = new double[k];
            double adMean = 0;
            double adMedian = 0;
            for (int j = 0; j < k; j++) {
                var[j] = cov[j][j];
                long[] counts = java.util.Arrays.copyOfRange(g.ccCounts, j * cats, (j + 1) * cats);
                adMean += Agreement.averageDeviation(min, counts, Agreement.Center.MEAN);
                adMedian += Agreement.averageDeviation(min, counts, Agreement.Center.MEDIAN);
            }
            double rwg = Agreement.rwgJ(var, Agreement.uniformNullVariance(cats));
            return new AgreementResult(g.complete, rwg, adMean / k, adMedian / k);
        });
        return Suppressible.shown(new GroupScaleResult(key, g.rows, score, score100, d, shares, percentFavourable,
                itemResults, reliability, agreement));
    }

    /** Item covariance matrix over complete cases, from counts and cross-products. */
    private double[][] covariance(State g) {
        long n = g.complete;
        long[] sum = new long[k];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < cats; c++) {
                sum[j] += g.ccCounts[j * cats + c] * c;
            }
        }
        double[][] cov = new double[k][k];
        int p = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i; j < k; j++) {
                cov[i][j] = centredCross(n, g.cross[p++], sum[i], sum[j]) / ((double) n * (n - 1));
                cov[j][i] = cov[i][j];
            }
        }
        return cov;
    }

    /** {@code n·Σxy − Σx·Σy}, exact in integer arithmetic (BigInteger on overflow). */
    static double centredCross(long n, long sxy, long sx, long sy) {
        try {
            return Math.subtractExact(Math.multiplyExact(n, sxy), Math.multiplyExact(sx, sy));
        } catch (ArithmeticException overflow) {
            return java.math.BigInteger.valueOf(n).multiply(java.math.BigInteger.valueOf(sxy))
                    .subtract(java.math.BigInteger.valueOf(sx).multiply(java.math.BigInteger.valueOf(sy)))
                    .doubleValue();
        }
    }

    /**
     * The integer sufficient statistics of one group: rows seen, complete cases, the person-score
     * histogram by (answered items, sum of recoded answers), per-item category counts over every
     * answer and over complete cases, and the cross-products of complete cases. Exact (integers),
     * mergeable (cell-wise sums) and storable ({@link #write}); its shape is the scale's.
     */
    public static final class State {
        long rows;
        long complete;
        long[] hist;
        long[] answers;
        long[] ccCounts;
        long[] cross;
        /** Changes made to the counts; the finished figures below hold for {@code finishedAt}. */
        long changes;
        long finishedAt = -1;
        Suppressible<GroupScaleResult> result;
        /** The finished scores' moments, for the owner's ICC. */
        final GroupIcc.Moments moments = new GroupIcc.Moments();
        /** Replaced by another state of its group: its counts are not needed any more. */
        boolean retired;
        /** The accumulator whose group this is (null: read back, not placed yet). */
        ScaleAccumulator owner;

        private State(long rows, long complete, long[] hist, long[] answers, long[] ccCounts, long[] cross) {
            this.rows = rows;
            this.complete = complete;
            this.hist = hist;
            this.answers = answers;
            this.ccCounts = ccCounts;
            this.cross = cross;
        }

        /** @return the rows added to the group, scored or not */
        public long rows() {
            return rows;
        }

        /** Writes the counts, compactly ({@link Counts}); read back by {@link ScaleAccumulator#readState}. */
        public void write(DataOutput out) throws IOException {
            requireCounts();
            Counts.writeVar(out, rows);
            Counts.writeVar(out, complete);
            Counts.write(out, hist);
            Counts.write(out, answers);
            Counts.write(out, ccCounts);
            Counts.write(out, cross);
        }

        void requireCounts() {
            if (hist == null) {
                throw new IllegalStateException("the counts of this state were let go (compact)");
            }
        }

        void add(State o) {
            changes++;
            rows += o.rows;
            complete += o.complete;
            addInto(hist, o.hist, 1);
            addInto(answers, o.answers, 1);
            addInto(ccCounts, o.ccCounts, 1);
            addInto(cross, o.cross, 1);
        }

        /** Takes away counts added before (the pooled state, when a group's state is replaced). */
        void subtract(State o) {
            changes++;
            rows -= o.rows;
            complete -= o.complete;
            addInto(hist, o.hist, -1);
            addInto(answers, o.answers, -1);
            addInto(ccCounts, o.ccCounts, -1);
            addInto(cross, o.cross, -1);
        }

        private static void addInto(long[] a, long[] b, int sign) {
            for (int i = 0; i < a.length; i++) {
                a[i] += sign * b[i];
            }
        }
    }
}
