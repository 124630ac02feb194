package org.uklad.indices;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaires.IndexKind;
import org.uklad.school.Schools;
import org.uklad.response.LikertAnswers;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * School-climate indices of a wave, computed from the stored answers by the {@code analysis} module.
 *
 * <p><b>What is computed.</b> For every questionnaire version used in the wave and every construct
 * of that version scored from likert items:
 * <ul>
 *   <li>LEVEL and AGREEMENT constructs: per school, a person's score is the mean of the keyed items
 *       they answered (reverse items as {@code min + max − x}), when at least two thirds of the
 *       construct's items are answered (the codebook rule, the analysis default); then n, mean, SD, 95% t interval, median, the same on
 *       0–100, percent favourable (the scale's {@code favourable} points, on keyed answers), per-item
 *       summaries, Cronbach's alpha and rWG(J)/AD(M)(J) over complete cases, and ICC(1)/ICC(2) of
 *       person scores across schools (the agreement index of {@code shared_values} is rWG(J) with
 *       ICC(1); for level constructs they are shown too, as diagnostics);
 *   <li>GAP constructs ({@code real_vs_ideal}): per school the paired gap {@code ideal − now}; a
 *       respondent's gap is the mean over pairs answered on both sides (at least two thirds of the pairs,
 *       as for a level score),
 *       with paired t and Wilcoxon tests, the "now" and "ideal" means and the gap of each pair.
 * </ul>
 * <p><b>Incremental statistics (where the figures come from).</b> Every figure is a function of
 * integer counts per school and construct ({@code ScaleAccumulator} for LEVEL/AGREEMENT: score
 * histogram, answer counts, complete-case counts and cross-products; {@code GapAccumulator} for
 * GAP: per-pair answer-pair counts and a table of people by pairs answered and the sums of both
 * sides), kept per (wave, version, school) in PostgreSQL ({@link WaveStatistics}, V24). A published
 * block of responses is added to its school's state in the publishing transaction, so a new
 * response costs work independent of the wave's size; a read takes only the states written since
 * this replica last read them (one query per version, no answer read), puts each in place of the
 * school's old state, and finishes again only those schools and the pooled figures (updated by
 * subtracting the old counts and adding the new), through the same finalisation
 * ({@link VersionScan#result}) as ever, so suppression is unchanged.
 * States that are missing or no longer trustworthy (first read of a version, an upgrade that
 * scores differently, any change to responses the database could not account for) are rebuilt by
 * the first reader in one streaming pass ({@link IndicesStore}: one short row per response, its
 * {@link LikertAnswers}, forward-only with a fetch size; responses without packed answers by a
 * second query that packs them in the database) while the wave's publishers wait. Counts add, so
 * the result equals one pass over all the answers ({@link #fromAnswers}, the reference the tests
 * hold the stored states to). Memory grows with schools × items², never with respondents. The
 * results per class ({@code classes/}) are still computed from the answers of the class.
 *
 * <p><b>Suppression.</b> With k = {@code uklad.indices.min-group-size} (default 5, never below 3;
 * the service does not start otherwise): a school's construct is shown only when at least k of its
 * respondents have a score (a gap: a gap); a suppressed school appears as {@code schoolId} and
 * {@code suppressed: true} with no number at all, not even n. Within a shown school an item (pair),
 * alpha or agreement over fewer than k answers or complete cases is suppressed on its own. The
 * pooled figure ({@code overall}) and the ICC are shown only when the suppressed schools together
 * have none or at least k scored respondents: otherwise overall minus the shown schools would give
 * a small school's mean away by subtraction (the same check per item and per pair).
 *
 * <p><b>Person scores for comparisons.</b> Beside the indices, each shown school's (and the shown
 * pooled) frequency table of person scores on 0–100 is cached ({@link PersonScores}), never put in
 * the JSON, so that {@link Comparisons} can run two-sample tests without keeping response rows; a
 * suppressed group has no table.
 *
 * <p><b>Sharing and threads.</b> Whether the cache still holds is one row read (the wave's
 * revision, kept by the database, V22), not a count over the wave. Readers who find it stale at the
 * same time share one computation of the wave instead of each making their own, and that
 * computation runs on a small pool of platform threads ({@code uklad.indices.compute-threads},
 * default half the processors, at least one): the waiting readers are virtual threads that park,
 * so a long computation never holds the carriers that serve respondents' submissions.
 */
@Singleton
public class IndicesService {

    private static final int MAX_CACHED_WAVES = 32;

    private final IndicesStore store;
    private final WaveStatistics statistics;
    private final Waves waves;
    private final Schools schools;
    private final SuppressionPolicy policy;
    private final Map<Long, WaveSnapshot> cache = new ConcurrentHashMap<>();
    /** The computation under way per wave and revision, joined by every reader who needs that one. */
    private final Map<Freshness.Of, CompletableFuture<WaveSnapshot>> underWay = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    /** Computations started, for the tests that hold readers to one shared computation. */
    final AtomicLong computations = new AtomicLong();
    /** Snapshots asked for, per wave: for the tests that hold a page or PDF to one snapshot per wave. */
    final Map<Long, AtomicLong> snapshotsAsked = new ConcurrentHashMap<>();

    IndicesService(IndicesStore store, WaveStatistics statistics, Waves waves, Schools schools,
                   SuppressionPolicy policy, IndicesConfiguration configuration) {
        this.store = store;
        this.statistics = statistics;
        this.waves = waves;
        this.schools = schools;
        this.policy = policy;
        int threads = configuration.computeThreads() > 0 ? configuration.computeThreads()
                : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("indices-", 1).daemon(true).factory());
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    /**
     * The indices of every school of a wave.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave
     */
    public WaveIndices compute(long waveId) {
        return snapshot(waveId).indices();
    }

    /**
     * The indices of a wave with the person-score distributions of its shown groups, as of one
     * revision of the wave: what one page or one PDF reads from, so that its parts never mix two
     * states of the wave (pass it on instead of asking again).
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave
     */
    public WaveSnapshot snapshot(long waveId) {
        snapshotsAsked.computeIfAbsent(waveId, w -> new AtomicLong()).incrementAndGet();
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Freshness now = store.freshness(waveId);
        WaveSnapshot cached = cache.get(waveId);
        if (cached != null && cached.freshness().equals(now)) {
            return cached;
        }
        Freshness.Of key = new Freshness.Of(waveId, now);
        // a computation that ended between the look at the cache and here has cached its result
        CompletableFuture<WaveSnapshot> shared = underWay.computeIfAbsent(key, k -> {
            WaveSnapshot done = cache.get(waveId);
            return done != null && done.freshness().equals(now) ? CompletableFuture.completedFuture(done)
                    : CompletableFuture.supplyAsync(() -> computeNow(waveId, now), pool);
        });
        try {
            return shared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } finally {
            underWay.remove(key, shared);
        }
    }

    /** Forgets every cached result, as a restart does (for the tests). */
    void forget() {
        cache.clear();
        statistics.forget();
    }

    /** One computation of the whole wave as of {@code now}, on the pool; cached when done. */
    private WaveSnapshot computeNow(long waveId, Freshness now) {
        computations.incrementAndGet();
        PersonScores scores = new PersonScores();
        WaveIndices computed = indices(waveId, now, scores, statistics::load);
        if (cache.size() >= MAX_CACHED_WAVES) {
            cache.clear();
        }
        WaveSnapshot fresh = new WaveSnapshot(now, computed, scores);
        cache.put(waveId, fresh);
        return fresh;
    }

    /**
     * What the indices of a wave depend on that can change: the wave's revision, which the database
     * renews whenever its published responses or its access codes change, and the revision at which
     * its codes last changed (which schools are listed). (A response arriving
     * while the cache is filled only makes the next call recompute: the result keeps the revision
     * read before the computation began.)
     */
    record Freshness(long revision, long codesRevision) {
        /** A wave at a revision: what one shared computation is for. */
        record Of(long waveId, Freshness freshness) {}
    }

    /**
     * The indices of one school in a wave, with the pooled figures of the wave beside them. A known
     * school without answers in the wave gets suppressed entries.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave or school
     */
    public WaveIndices compute(long waveId, long schoolId) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        // The pooled figures and the ICC need every school, so the whole wave is computed.
        return compute(waveId).onlySchool(schoolId);
    }

    /** The minimum group size in force. */
    public int minGroupSize() {
        return policy.minGroupSize();
    }

    /**
     * The shown person scores of one construct of a questionnaire in a wave, for the measured effect
     * of a support measure ({@code programme/}): every version of the questionnaire key in the wave,
     * LEVEL and AGREEMENT constructs only (those with a 0–100 score, as the dashboard compares).
     *
     * @param shown the person scores on 0–100 of each school whose group is shown (at least k)
     * @param asked every school with an entry for the construct, shown or suppressed (no number)
     * @param title the construct's title, null when the wave did not ask it
     * @param questionnaire the questionnaire's title, null when the wave did not ask it
     */
    public record ConstructScores(Map<Long, ScoreDistribution> shown, java.util.Set<Long> asked,
                                  @io.micronaut.core.annotation.Nullable Text title,
                                  @io.micronaut.core.annotation.Nullable Text questionnaire) {}

    /**
     * The shown person scores of {@code construct} of {@code questionnaireKey} in a wave's snapshot
     * (see {@link ConstructScores}); the caller takes the snapshot once for its whole page.
     */
    public ConstructScores personScores(WaveSnapshot wave, String questionnaireKey, String construct) {
        Map<Long, ScoreDistribution> shown = new java.util.HashMap<>();
        java.util.Set<Long> asked = new java.util.HashSet<>();
        Text title = null;
        Text questionnaire = null;
        for (QuestionnaireIndices q : wave.indices().questionnaires()) {
            if (!q.key().equals(questionnaireKey)) {
                continue;
            }
            for (ConstructIndex c : q.constructs()) {
                if (!c.construct().equals(construct)
                        || (c.indexKind() != IndexKind.LEVEL && c.indexKind() != IndexKind.AGREEMENT)) {
                    continue;
                }
                title = title == null ? c.title() : title;
                questionnaire = questionnaire == null ? q.title() : questionnaire;
                for (SchoolIndex s : c.schools()) {
                    if (s.schoolId() != null) {
                        asked.add(s.schoolId());
                        wave.scores().school(q.versionId(), construct, s.schoolId())
                                .ifPresent(d -> shown.putIfAbsent(s.schoolId(), d));
                    }
                }
            }
        }
        return new ConstructScores(Map.copyOf(shown), java.util.Set.copyOf(asked), title, questionnaire);
    }

    /** Where a version's indices come from: the stored states, or (the reference) the answers. */
    @FunctionalInterface
    interface Source {
        QuestionnaireIndices indices(long waveId, VersionPlan plan, List<Long> schoolIds, PersonScores scores);
    }

    /** The indices of every version of the wave, from {@code source}, through the one finalisation ({@link VersionScan#result}). */
    private WaveIndices indices(long waveId, Freshness now, PersonScores scores, Source source) {
        List<QuestionnaireIndices> out = new ArrayList<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            VersionPlan plan = statistics.plan(versionId);
            out.add(source.indices(waveId, plan, store.schoolsWithCodes(waveId, versionId, now.codesRevision()), scores));
        }
        return new WaveIndices(waveId, policy.minGroupSize(), out);
    }

    /**
     * The full computation, as before incremental statistics: one pass over the wave's answers,
     * nothing read from or written to the stored states and nothing cached. The reference the
     * stored states are checked against.
     */
    WaveIndices fromAnswers(long waveId) {
        return indices(waveId, store.freshness(waveId), new PersonScores(),
                (wave, plan, schoolIds, scores) -> statistics.fromAnswers(wave, plan).result(schoolIds, scores));
    }
}
