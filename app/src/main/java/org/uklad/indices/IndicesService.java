package org.uklad.indices;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.school.Schools;
import org.uklad.survey.LoadedQuestionnaire;
import org.uklad.survey.QuestionnaireRegistry;
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
 * Each version is read in <em>one</em> streaming pass: one query ordered by school and response,
 * read forward-only with a fetch size, answers folded into one {@code double[]} row per response.
 * LEVEL/AGREEMENT constructs keep only integer counts per school ({@code ScaleAccumulator}), so
 * memory grows with schools × items², not with respondents. GAP constructs keep each school's
 * compact rows (2 × pairs doubles per respondent, about 150 bytes for the 8 pairs of the teachers'
 * form) because the signed-rank test needs every difference; gap constructs are asked of teachers
 * only, so this stays in the megabytes even for a region.
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
 */
@Singleton
public class IndicesService {

    /** Rows fetched per round trip: large enough to stream fast, small enough to keep memory flat. */
    static final int FETCH_SIZE = 2000;

    /*
     * Every response of the version in the wave, one row each: its school and its answers to the
     * scored items as two arrays (the item's position in the given item list, the value); a
     * response without any scored answer still yields a row with empty arrays (it counts as a
     * respondent without a score). Ordered by school so the accumulators see each school as one
     * run. Folding the answers into arrays in the database sends one row per response instead of
     * one per answer (BENCHMARKS.md, "Indices from the database").
     */
    private static final String ANSWERS = """
            SELECT r.school_id, x.items, x.answers
            FROM response r
            CROSS JOIN LATERAL (
                SELECT array_agg(array_position(?::text[], a.item_id)) AS items, array_agg(a.value_int) AS answers
                FROM answer a
                WHERE a.response_id = r.id AND a.item_id = ANY (?::text[]) AND a.value_int IS NOT NULL) x
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ?
            ORDER BY r.school_id""";

    private static final String SCHOOLS_WITH_CODES = """
            SELECT DISTINCT school_id FROM access_code
            WHERE wave_id = ? AND questionnaire_version_id = ? ORDER BY school_id""";

    private final TransactionOperations<Connection> transactions;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final SuppressionPolicy policy;

    IndicesService(TransactionOperations<Connection> transactions, Waves waves, Schools schools,
                   QuestionnaireRegistry questionnaires, SuppressionPolicy policy) {
        this.transactions = transactions;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.policy = policy;
    }

    /**
     * The indices of every school of a wave.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown wave
     */
    public WaveIndices compute(long waveId) {
        return computeWithScores(waveId).indices();
    }

    /**
     * The indices of a wave with the person-score distributions of its shown groups (for
     * {@link Comparisons}); cached together.
     */
    Cached computeWithScores(long waveId) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Freshness now = freshness(waveId);
        Cached cached = cache.get(waveId);
        if (cached != null && cached.freshness().equals(now)) {
            return cached;
        }
        List<QuestionnaireIndices> out = new ArrayList<>();
        PersonScores scores = new PersonScores();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            out.add(compute(waveId, VersionPlan.of(q), scores));
        }
        WaveIndices computed = new WaveIndices(waveId, policy.minGroupSize(), out);
        if (cache.size() >= MAX_CACHED_WAVES) {
            cache.clear();
        }
        Cached fresh = new Cached(now, computed, scores);
        cache.put(waveId, fresh);
        return fresh;
    }

    /**
     * What the indices of a wave depend on that can change: responses are only ever added and
     * access codes only added, so their counts tell whether a cached result still holds. (A
     * response arriving while the cache is filled only makes the next call recompute.)
     */
    record Freshness(long responses, long codes) {}

    record Cached(Freshness freshness, WaveIndices indices, PersonScores scores) {}

    private static final int MAX_CACHED_WAVES = 32;
    private final java.util.Map<Long, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private Freshness freshness(long waveId) {
        return transactions.executeRead(status -> {
            try (var ps = status.getConnection().prepareStatement(
                    "SELECT (SELECT count(*) FROM response WHERE wave_id = ?), (SELECT count(*) FROM access_code WHERE wave_id = ?)")) {
                ps.setLong(1, waveId);
                ps.setLong(2, waveId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new Freshness(rs.getLong(1), rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
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

    private QuestionnaireIndices compute(long waveId, VersionPlan plan, PersonScores scores) {
        long versionId = plan.source().versionId();
        VersionScan scan = new VersionScan(plan, policy, scores);
        List<Long> schoolIds = transactions.executeRead(status -> {
            Connection c = status.getConnection();
            try {
                if (plan.scoresAnything()) {
                    stream(c, waveId, plan, scan);
                }
                return schoolsWithCodes(c, waveId, versionId);
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the answers of wave " + waveId + ", version " + versionId, e);
            }
        });
        return scan.result(schoolIds);
    }

    /** The one pass: groups consecutive answer rows of a response into a {@code double[]} (NaN = missing). */
    private static void stream(Connection c, long waveId, VersionPlan plan, VersionScan scan) throws SQLException {
        if (c.getAutoCommit()) {
            // pgjdbc would silently read the whole result into memory
            throw new IllegalStateException("the answers must be streamed inside a transaction");
        }
        Map<String, Integer> columns = plan.columns();
        String[] items = new String[columns.size()];
        columns.forEach((item, column) -> items[column] = item);
        try (PreparedStatement ps = c.prepareStatement(ANSWERS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // PostgreSQL streams (a cursor, not the whole result) only inside a transaction with a fetch size.
            ps.setFetchSize(FETCH_SIZE);
            java.sql.Array itemArray = c.createArrayOf("text", items);
            ps.setArray(1, itemArray);
            ps.setArray(2, itemArray);
            ps.setLong(3, waveId);
            ps.setLong(4, plan.source().versionId());
            try (ResultSet rs = ps.executeQuery()) {
                double[] row = new double[items.length];
                while (rs.next()) {
                    Arrays.fill(row, Double.NaN); // the accumulators copy what they keep
                    String school = Long.toString(rs.getLong(1));
                    java.sql.Array positions = rs.getArray(2);
                    if (positions != null) {
                        Integer[] at = (Integer[]) positions.getArray();
                        Integer[] values = (Integer[]) rs.getArray(3).getArray();
                        for (int i = 0; i < at.length; i++) {
                            row[at[i] - 1] = values[i]; // array_position counts from 1
                        }
                    }
                    scan.add(school, row);
                }
            }
        }
    }

    private static List<Long> schoolsWithCodes(Connection c, long waveId, long versionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SCHOOLS_WITH_CODES)) {
            ps.setLong(1, waveId);
            ps.setLong(2, versionId);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
