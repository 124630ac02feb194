package org.uklad.indices;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.response.PublishedGroupListener;
import org.uklad.system.Jdbc;

/**
 * The per-school statistics of a wave's questionnaire versions, kept in PostgreSQL (V24) and kept up
 * to date as responses are published, so that indices are built by merging the schools' states
 * instead of re-reading the wave's answers (issue #21).
 *
 * <ul>
 *   <li><b>Publishing</b> ({@link #published}, in the publishing transaction of
 *       {@code response/ResponseRelease}): when the version's states are ready, the school's state
 *       row is locked, the block's rows are added to it and it is written back — work that depends
 *       on the block's size only. When they are not ready, nothing: the next reader builds them
 *       with this block included. A block that cannot be added (a response whose answers do not
 *       pack, states of another plan) drops the states instead.
 *   <li><b>Reading</b> ({@link #load}): one query returns the ready marker and every school's
 *       state; they are merged. States not ready are <b>built</b>: in one transaction the wave's
 *       revision row is locked (every publisher renews it in its own transaction, so this waits
 *       for those in flight and holds new ones off until the states are written), the answers are
 *       read in one pass ({@link IndicesStore#streamAnswers}), and every school's state and the
 *       marker are written. The same happens after a restart with states of an older plan, and
 *       after anything the database could not account for dropped them (V24's trigger).
 * </ul>
 * The states are integer counts, so merging them gives exactly what one pass over the same rows
 * gives ({@code ScaleAccumulator}, {@code GapAccumulator}).
 */
@Singleton
class WaveStatistics implements PublishedGroupListener {

    private final Jdbc jdbc;
    private final StatisticsStore store;
    private final IndicesStore answers;
    private final QuestionnaireRegistry questionnaires;
    private final SuppressionPolicy policy;
    private final Map<Long, VersionPlan> plans = new ConcurrentHashMap<>();
    private final Map<Long, String> planKeys = new ConcurrentHashMap<>();
    /** Builds from the answers, for the tests that show a read does not re-read the wave. */
    final AtomicLong builds = new AtomicLong();

    WaveStatistics(Jdbc jdbc, StatisticsStore store, IndicesStore answers, QuestionnaireRegistry questionnaires,
                   SuppressionPolicy policy) {
        this.jdbc = jdbc;
        this.store = store;
        this.answers = answers;
        this.questionnaires = questionnaires;
        this.policy = policy;
    }

    /** The scoring plan of a version (versions do not change once stored). */
    VersionPlan plan(long versionId) {
        return plans.computeIfAbsent(versionId, id -> VersionPlan.of(questionnaires.byId(id).orElseThrow()));
    }

    private String planKey(VersionPlan plan) {
        return planKeys.computeIfAbsent(plan.source().versionId(), id -> plan.statisticsKey());
    }

    @Override
    public void published(PublishedGroup group) {
        VersionPlan plan = plan(group.versionId());
        if (!plan.scoresAnything()) {
            return; // no state is kept for a version that scores nothing
        }
        String ready = store.readyPlan(group.waveId(), group.versionId()).orElse(null);
        if (ready == null) {
            return; // not built yet: the reader who builds them reads this block with the rest
        }
        if (!ready.equals(planKey(plan)) || group.likertAnswers().contains(null)) {
            store.drop(group.waveId(), group.versionId());
            return;
        }
        VersionScan scan = new VersionScan(plan, policy, new PersonScores());
        String school = Long.toString(group.schoolId());
        byte[] state = store.lockState(group.waveId(), group.versionId(), group.schoolId());
        merge(scan, school, state);
        PackedRows packed = new PackedRows(plan);
        double[] row = new double[plan.columns().size()];
        for (byte[] likert : group.likertAnswers()) {
            packed.fill(likert, row);
            scan.add(school, row);
        }
        store.writeState(group.waveId(), group.versionId(), group.schoolId(), scan.state(school));
    }

    /**
     * The version's statistics in a wave, every school's state merged: read from the stored states,
     * or built from the answers first when they are not ready.
     *
     * @param scores where the result puts the shown groups' person scores
     */
    VersionScan load(long waveId, VersionPlan plan, PersonScores scores) {
        long versionId = plan.source().versionId();
        if (!plan.scoresAnything()) {
            return new VersionScan(plan, policy, scores);
        }
        String key = planKey(plan);
        VersionScan stored = new VersionScan(plan, policy, scores);
        boolean ready = store.readPublishedStates(waveId, versionId, key, (school, state) -> merge(stored, school, state));
        return ready ? stored : build(waveId, plan, key, scores);
    }

    /** A stored state into a scan; an empty one (a row being created by a publisher) holds nothing. */
    private static void merge(VersionScan scan, String school, byte[] state) {
        if (state.length > 0) {
            scan.merge(school, state);
        }
    }

    /** Builds the version's states from its answers in one pass and stores them (see the class comment). */
    private VersionScan build(long waveId, VersionPlan plan, String key, PersonScores scores) {
        long versionId = plan.source().versionId();
        return jdbc.inTransaction(() -> {
            store.holdPublishers(waveId);
            // another reader (or replica) may have built them while this one waited
            VersionScan built = new VersionScan(plan, policy, scores);
            if (store.readStates(waveId, versionId, key, (school, state) -> merge(built, school, state))) {
                return built;
            }
            builds.incrementAndGet();
            store.drop(waveId, versionId);
            VersionScan scan = fromAnswers(waveId, plan, scores);
            store.markReady(waveId, versionId, key);
            List<Long> schoolIds = new ArrayList<>();
            List<byte[]> states = new ArrayList<>();
            for (String school : scan.schools()) {
                schoolIds.add(Long.parseLong(school));
                states.add(scan.state(school));
            }
            store.insertStates(waveId, versionId, schoolIds, states);
            return scan;
        });
    }

    /** One pass over the version's answers in the wave, nothing stored: the full computation. */
    VersionScan fromAnswers(long waveId, VersionPlan plan, PersonScores scores) {
        VersionScan scan = new VersionScan(plan, policy, scores);
        if (plan.scoresAnything()) {
            jdbc.readOnly(() -> {
                answers.streamAnswers(waveId, plan, scan::add);
                return null;
            });
        }
        return scan;
    }
}
