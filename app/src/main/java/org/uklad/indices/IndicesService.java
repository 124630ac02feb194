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
import org.uklad.response.LikertAnswers;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
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
 * Each version is read in <em>one</em> streaming pass: one query, one short row per response (its
 * {@link LikertAnswers}, stored with it), read forward-only with a fetch size and unpacked into one
 * {@code double[]} row per response, in no particular order; responses still without packed
 * answers (stored before they existed and not yet filled in) are read by a second query that packs
 * their answers in the database.
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

    /** Scored answers packed per {@code bigint}: 7 codes of 8 bits (bits 0..55, never the sign bit). */
    static final int CODES_PER_WORD = 7;

    /*
     * Every response of the version in the wave without packed likert answers, one row each: its
     * school, then its answers to the scored items packed into bigints (item at position p of the
     * given list, from 1: word (p-1)/7, bits 8·((p-1)%7) ..+7 hold value+1; 0 = not answered),
     * then its id only when a value does not fit the code (never for scale points 0..254; read
     * separately then). A response without any scored answer still yields a row. One
     * hash join of the wave's responses with one sequential pass over the answers, aggregated
     * per response: no index probe per response, no sort, and small pass-by-value aggregate
     * states so the aggregate stays in memory (BENCHMARKS.md, "Indices from the database").
     * Unordered: the accumulators key schools in maps.
     */
    public static String answersQuery(int columns) {
        StringBuilder sql = new StringBuilder("SELECT r.school_id");
        for (int w = 0; w * CODES_PER_WORD < columns; w++) {
            int from = w * CODES_PER_WORD + 1;
            sql.append(", bit_or(CASE WHEN i.pos BETWEEN ").append(from).append(" AND ").append(from + CODES_PER_WORD - 1)
                    .append(" THEN (a.value_int + 1)::bigint << (8 * (i.pos::int - ").append(from).append(")) END)");
        }
        return sql.append("""
                , CASE WHEN bool_or(a.value_int NOT BETWEEN 0 AND 254) THEN r.id END
                FROM response r
                LEFT JOIN (answer a JOIN unnest(?::text[]) WITH ORDINALITY AS i(item_id, pos) ON i.item_id = a.item_id)
                    ON a.response_id = r.id AND a.value_int IS NOT NULL
                WHERE r.wave_id = ? AND r.questionnaire_version_id = ? AND r.likert_answers IS NULL
                GROUP BY r.id""").toString();
    }

    /** The responses of a version in a wave that have {@link LikertAnswers}: the common case, one short row each. */
    public static final String PACKED_RESPONSES = """
            SELECT school_id, likert_answers FROM response
            WHERE wave_id = ? AND questionnaire_version_id = ? AND likert_answers IS NOT NULL""";

    private static final String ANY_UNPACKED = """
            SELECT EXISTS (SELECT 1 FROM response
                           WHERE wave_id = ? AND questionnaire_version_id = ? AND likert_answers IS NULL)""";

    /** The aggregate per response must stay in memory (PostgreSQL's default 4 MB spills it to disk). */
    private static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

    private static final String ONE_RESPONSE = """
            SELECT item_id, value_int FROM answer WHERE response_id = ? AND value_int IS NOT NULL""";

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

    /**
     * The one pass: one row per response — its {@link LikertAnswers}, or for a response without
     * them (stored before they existed and not filled in yet) its answers packed in the database —
     * unpacked into a {@code double[]} (NaN = missing).
     */
    private static void stream(Connection c, long waveId, VersionPlan plan, VersionScan scan) throws SQLException {
        if (c.getAutoCommit()) {
            // pgjdbc would silently read the whole result into memory
            throw new IllegalStateException("the answers must be streamed inside a transaction");
        }
        Map<String, Integer> columns = plan.columns();
        List<String> likert = LikertAnswers.items(plan.source().questionnaire());
        int[] columnOf = new int[likert.size()];
        for (int i = 0; i < columnOf.length; i++) {
            columnOf[i] = columns.getOrDefault(likert.get(i), -1);
        }
        try (PreparedStatement ps = c.prepareStatement(PACKED_RESPONSES, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // PostgreSQL streams (a cursor, not the whole result) only inside a transaction with a fetch size.
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, waveId);
            ps.setLong(2, plan.source().versionId());
            try (ResultSet rs = ps.executeQuery()) {
                double[] row = new double[columns.size()];
                while (rs.next()) {
                    Arrays.fill(row, Double.NaN); // the accumulators copy what they keep
                    byte[] packed = rs.getBytes(2);
                    if (packed.length != columnOf.length) {
                        throw new IllegalStateException("packed likert answers of " + packed.length + " items for a version of " + columnOf.length);
                    }
                    for (int i = 0; i < packed.length; i++) {
                        int value = LikertAnswers.value(packed[i]);
                        if (value >= 0 && columnOf[i] >= 0) {
                            row[columnOf[i]] = value;
                        }
                    }
                    scan.add(Long.toString(rs.getLong(1)), row);
                }
            }
        }
        if (anyUnpacked(c, waveId, plan.source().versionId())) {
            streamUnpacked(c, waveId, plan, scan);
        }
    }

    private static boolean anyUnpacked(Connection c, long waveId, long versionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ANY_UNPACKED)) {
            ps.setLong(1, waveId);
            ps.setLong(2, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Responses without packed answers: their answers packed per response in the database ({@link #answersQuery}). */
    private static void streamUnpacked(Connection c, long waveId, VersionPlan plan, VersionScan scan) throws SQLException {
        Map<String, Integer> columns = plan.columns();
        String[] items = new String[columns.size()];
        columns.forEach((item, column) -> items[column] = item);
        int words = (items.length + CODES_PER_WORD - 1) / CODES_PER_WORD;
        try (var set = c.createStatement()) {
            set.execute(WORK_MEM);
        }
        try (PreparedStatement ps = c.prepareStatement(answersQuery(items.length), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setArray(1, c.createArrayOf("text", items));
            ps.setLong(2, waveId);
            ps.setLong(3, plan.source().versionId());
            try (ResultSet rs = ps.executeQuery()) {
                double[] row = new double[items.length];
                while (rs.next()) {
                    Arrays.fill(row, Double.NaN);
                    String school = Long.toString(rs.getLong(1));
                    Object unpackable = rs.getObject(words + 2);
                    if (unpackable != null) {
                        readOne(c, unpackable, columns, row);
                    } else {
                        for (int w = 0; w < words; w++) {
                            long word = rs.getLong(w + 2); // NULL (no answer in this word) reads as 0
                            for (int k = 0; k < CODES_PER_WORD && word != 0; k++, word >>>= 8) {
                                int code = (int) (word & 0xFF);
                                if (code != 0) {
                                    row[w * CODES_PER_WORD + k] = code - 1;
                                }
                            }
                        }
                    }
                    scan.add(school, row);
                }
            }
        }
    }

    /** A response with a value outside the packed code's range, read answer by answer. */
    private static void readOne(Connection c, Object responseId, Map<String, Integer> columns, double[] row)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ONE_RESPONSE)) {
            ps.setObject(1, responseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer column = columns.get(rs.getString(1));
                    if (column != null) {
                        row[column] = rs.getInt(2);
                    }
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
