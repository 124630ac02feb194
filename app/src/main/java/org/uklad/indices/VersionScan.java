package org.uklad.indices;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.analysis.Counts;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.compare.GapAccumulator;
import org.uklad.analysis.scale.ScaleAccumulator;

/**
 * The statistics of one version's responses per school: a {@link ScaleAccumulator} per LEVEL and
 * AGREEMENT construct and a {@link GapAccumulator} per GAP construct, both integer counts per
 * school (bounded memory, exact, mergeable). Filled either by rows ({@link #add}, one pass over the
 * answers) or by the schools' stored states ({@link #merge}, see {@link WaveStatistics}); a school's
 * state leaves as bytes ({@link #state}). Schools are keyed by id as a string. Not thread-safe: one
 * computation at a time (a scan kept between reads is used under its lock, see {@link WaveStatistics}).
 *
 * <p><b>A kept scan's read costs what changed.</b> The scan notes which schools' counts changed
 * since its last {@link #result}, and {@link ListedIndices} patches that result with only their
 * entries and the pooled figures, instead of assembling every school's again.
 */
final class VersionScan {

    /**
     * The layout of a school's state: bump when the bytes {@link #state} writes change meaning, so
     * stored states of the old layout are rebuilt, not misread ({@link VersionPlan#statisticsKey}).
     */
    static final int STATE_FORMAT = 1;

    private final VersionPlan plan;
    private final ScaleAccumulator[] accumulators;
    private final GapAccumulator[] gaps;
    /** Each school's state as stored, for a scan filled by {@link #replace} (its counts may be let go). */
    private final Map<String, byte[]> stored = new HashMap<>();
    /** Schools whose counts changed since the last result (kept only once there is a result). */
    private final Set<String> changed = new HashSet<>();
    /** The last result and what it was made of. */
    private final ListedIndices listed;

    VersionScan(VersionPlan plan, SuppressionPolicy policy) {
        this.plan = plan;
        this.accumulators = plan.scales().stream().map(s -> new ScaleAccumulator(s.definition(), policy))
                .toArray(ScaleAccumulator[]::new);
        // ideal first: the codebook's gap is ideal − now
        this.gaps = plan.gaps().stream().map(g -> new GapAccumulator(g.ideal(), g.now())).toArray(GapAccumulator[]::new);
        this.listed = new ListedIndices(plan, policy, accumulators, gaps);
    }

    /** One response: its school and its answers in the plan's columns (NaN = not answered). */
    void add(String school, double[] row) {
        if (listed.any()) {
            changed.add(school);
        }
        for (ScaleAccumulator a : accumulators) {
            a.add(school, row);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].add(school, plan.gaps().get(g).compact(row));
        }
    }

    /** The schools with rows or states so far (none when the version scores nothing). */
    Set<String> schools() {
        return accumulators.length > 0 ? accumulators[0].groups() : gaps.length > 0 ? gaps[0].groups() : Set.of();
    }

    /** A school's state: every construct's counts in plan order ({@link #STATE_FORMAT}). */
    byte[] state(String school) {
        return Counts.toBytes(out -> {
            for (ScaleAccumulator a : accumulators) {
                a.state(school).orElseThrow().write(out);
            }
            for (GapAccumulator g : gaps) {
                g.state(school).orElseThrow().write(out);
            }
        });
    }

    /** Adds a school's state written by {@link #state} (for the same plan), as if its rows were added again. */
    void merge(String school, byte[] state) {
        if (listed.any()) {
            changed.add(school);
        }
        States states = decode(state);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].merge(school, states.scales()[i]);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].merge(school, states.gaps()[g]);
        }
    }

    /**
     * Sets a school's state to one written by {@link #state} (for the same plan), dropping what the
     * school held: a stored state written again since this scan read it. Only this school and the
     * pooled figures are finished again by the next {@link #result}.
     */
    void replace(String school, byte[] state) {
        if (listed.any()) {
            changed.add(school);
        }
        byte[] previous = stored.put(school, state);
        States before = previous == null ? null : decode(previous);
        States after = decode(state);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].replace(school, after.scales()[i], before == null ? null : before.scales()[i]);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].replace(school, after.gaps()[g], before == null ? null : before.gaps()[g]);
        }
    }

    /** A school's state decoded: every construct's counts, in plan order. */
    private record States(ScaleAccumulator.State[] scales, GapAccumulator.State[] gaps) {}

    /** Decodes a school's state written by {@link #state} (for the same plan). */
    private States decode(byte[] state) {
        return Counts.fromBytes(state, in -> {
            ScaleAccumulator.State[] scales = new ScaleAccumulator.State[accumulators.length];
            for (int i = 0; i < scales.length; i++) {
                scales[i] = accumulators[i].readState(in);
            }
            GapAccumulator.State[] gapStates = new GapAccumulator.State[gaps.length];
            for (int g = 0; g < gapStates.length; g++) {
                gapStates[g] = gaps[g].readState(in);
            }
            return new States(scales, gapStates);
        });
    }

    /**
     * Lets go of the decoded counts of the schools whose figures are finished (after a
     * {@link #result}), keeping their stored bytes: a scan kept between reads then holds each school
     * as its compact stored state (about 1.4 kB for a 40-item form) plus its finished figures, and a
     * later {@link #replace} decodes the old bytes to take them from the pooled counts. Only for a
     * scan filled by {@link #replace}.
     */
    void compact() {
        for (ScaleAccumulator a : accumulators) {
            a.compact();
        }
        for (GapAccumulator g : gaps) {
            g.compact();
        }
    }

    /**
     * The indices of everything added: the last result patched when the listed schools are the
     * same, else listed again ({@link ListedIndices}).
     *
     * @param schoolIds    schools to list even without answers (they hold codes for this version)
     * @param personScores where the shown groups' person-score distributions go (for comparisons)
     */
    QuestionnaireIndices result(List<Long> schoolIds, PersonScores personScores) {
        QuestionnaireIndices result = listed.result(schoolIds, schools(), changed, personScores);
        changed.clear();
        return result;
    }
}
