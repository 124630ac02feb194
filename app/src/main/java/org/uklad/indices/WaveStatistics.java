package org.uklad.indices;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
    /** States read by readers (all or since), for the tests that show a read takes only what changed. */
    final AtomicLong statesRead = new AtomicLong();
    /** Per wave and version, the states as this replica last read them (bounded: cleared when full). */
    private final Map<WaveVersion, Live> live = new ConcurrentHashMap<>();
    private static final int MAX_LIVE = 64;

    private record WaveVersion(long waveId, long versionId) {}

    /**
     * A version's stored states as last read here: the merged scan, and the build and wave
     * revision it holds, so the next read takes only the states written since. Used under its
     * own lock (one reader at a time updates and finishes it).
     */
    private static final class Live {
        VersionScan scan;
        long build = -1;
        long revision = -1;
    }

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
        VersionScan scan = new VersionScan(plan, policy);
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
     * The indices of a version in a wave from its stored states: the states written since this
     * replica last read them are put in place of the schools' old ones (all of them after a
     * rebuild, or on the first read), and only those schools and the pooled figures are finished
     * again. States not ready are first built from the answers.
     *
     * @param schoolIds the schools with codes for the version (listed even without answers)
     * @param scores    where the result puts the shown groups' person scores
     */
    QuestionnaireIndices load(long waveId, VersionPlan plan, List<Long> schoolIds, PersonScores scores) {
        long versionId = plan.source().versionId();
        if (!plan.scoresAnything()) {
            return new VersionScan(plan, policy).result(schoolIds, scores);
        }
        String key = planKey(plan);
        if (live.size() >= MAX_LIVE) {
            live.clear();
        }
        Live entry = live.computeIfAbsent(new WaveVersion(waveId, versionId), k -> new Live());
        synchronized (entry) {
            boolean ready;
            try {
                ready = store.readStatesSince(waveId, versionId, key, entry.build, entry.revision,
                        new StatisticsStore.StatesSince() {
                            @Override
                            public void begin(long build, long revision, boolean all) {
                                if (all || entry.scan == null) {
                                    entry.scan = new VersionScan(plan, policy);
                                }
                                entry.build = build;
                                entry.revision = revision;
                            }

                            @Override
                            public void state(String school, byte[] state) {
                                statesRead.incrementAndGet();
                                if (state.length > 0) {
                                    entry.scan.replace(school, state);
                                }
                            }
                        });
            } catch (RuntimeException e) {
                forget(entry); // half read: the next reader starts over
                throw e;
            }
            if (!ready) {
                forget(entry);
                Live built = build(waveId, plan, key);
                entry.scan = built.scan;
                entry.build = built.build;
                entry.revision = built.revision;
            }
            QuestionnaireIndices result = entry.scan.result(schoolIds, scores);
            entry.scan.compact(); // keep the states as stored bytes and finished figures only
            return result;
        }
    }

    /** Forgets the states read, as a restart does (for the tests). */
    void forget() {
        live.clear();
    }

    private static void forget(Live entry) {
        entry.scan = null;
        entry.build = -1;
        entry.revision = -1;
    }

    /** A stored state into a scan; an empty one (a row being created by a publisher) holds nothing. */
    private static void merge(VersionScan scan, String school, byte[] state) {
        if (state.length > 0) {
            scan.merge(school, state);
        }
    }

    /** Builds the version's states from its answers in one pass and stores them (see the class comment). */
    private Live build(long waveId, VersionPlan plan, String key) {
        long versionId = plan.source().versionId();
        return jdbc.inTransaction(() -> {
            Live out = new Live();
            out.revision = store.holdPublishers(waveId); // no state changes while this is held
            // another reader (or replica) may have built them while this one waited
            VersionScan built = new VersionScan(plan, policy);
            OptionalLong done = store.readStates(waveId, versionId, key, (school, state) -> {
                if (state.length > 0) {
                    built.replace(school, state);
                }
            });
            if (done.isPresent()) {
                out.scan = built;
                out.build = done.getAsLong();
                return out;
            }
            builds.incrementAndGet();
            store.drop(waveId, versionId);
            VersionScan scan = fromAnswers(waveId, plan);
            out.build = store.markReady(waveId, versionId, key);
            VersionScan kept = new VersionScan(plan, policy); // filled from the bytes, so it can be compacted
            out.scan = kept;
            List<Long> schoolIds = new ArrayList<>();
            List<byte[]> states = new ArrayList<>();
            for (String school : scan.schools()) {
                schoolIds.add(Long.parseLong(school));
                byte[] state = scan.state(school);
                states.add(state);
                kept.replace(school, state);
            }
            store.insertStates(waveId, versionId, schoolIds, states);
            return out;
        });
    }

    /** One pass over the version's answers in the wave, nothing stored: the full computation. */
    VersionScan fromAnswers(long waveId, VersionPlan plan) {
        VersionScan scan = new VersionScan(plan, policy);
        if (plan.scoresAnything()) {
            jdbc.readOnly(() -> {
                answers.streamAnswers(waveId, plan, scan::add);
                return null;
            });
        }
        return scan;
    }
}
