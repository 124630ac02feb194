package org.uklad.indices;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.uklad.response.LikertAnswers;
import org.uklad.system.Jdbc;
import org.uklad.system.ReadReplica;

/**
 * The SQL of {@link IndicesService}: the answer stream of one questionnaire version in a wave, read
 * forward-only with a fetch size, and the counts that tell whether a cached result still holds.
 *
 * <p>The stream must run inside the caller's transaction ({@link Jdbc#readOnly}): PostgreSQL
 * streams a result (a cursor, not the whole result in memory) only inside a transaction with a
 * fetch size.
 */
@Singleton
public class IndicesStore {

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

    /** One row by primary key, kept by triggers (V22): O(1) however large the wave. */
    private static final String FRESHNESS = """
            SELECT coalesce(max(revision), 0), coalesce(max(codes_revision), 0) FROM wave_revision WHERE wave_id = ?""";

    /** The wave's revision and its schools: on the read replica when one is configured, as the stored states are. */
    private final Jdbc reads;
    /**
     * The answers: on the primary, because they are read only to build the stored states, under the
     * lock that holds the wave's publishers off (a lagging replica would leave blocks out for good).
     */
    private final Jdbc jdbc;

    IndicesStore(Jdbc primary, ReadReplica replica) {
        this.reads = replica.jdbc();
        this.jdbc = primary;
    }

    /** The wave's revision: a new number whenever its published responses or its access codes change. */
    IndicesService.Freshness freshness(long waveId) {
        return reads.one(FRESHNESS, rs -> new IndicesService.Freshness(rs.getLong(1), rs.getLong(2)), waveId)
                .orElseThrow();
    }

    /**
     * The schools with access codes for the version in the wave, ascending; kept per wave and
     * version while the wave's codes revision stays {@code codesRevision} (a list read after a
     * newer change is kept under the older number, so it is only read once more).
     */
    List<Long> schoolsWithCodes(long waveId, long versionId, long codesRevision) {
        CodesKey key = new CodesKey(waveId, versionId);
        SchoolsWithCodes kept = codes.get(key);
        if (kept != null && kept.codesRevision() == codesRevision) {
            return kept.schools();
        }
        List<Long> schools = List.copyOf(reads.list(SCHOOLS_WITH_CODES, rs -> rs.getLong(1), waveId, versionId));
        if (codes.size() >= MAX_KEPT) {
            codes.clear();
        }
        codes.put(key, new SchoolsWithCodes(codesRevision, schools));
        return schools;
    }

    private record CodesKey(long waveId, long versionId) {}

    private record SchoolsWithCodes(long codesRevision, List<Long> schools) {}

    private static final int MAX_KEPT = 256;
    private final Map<CodesKey, SchoolsWithCodes> codes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The one pass: one row per response — its {@link LikertAnswers}, or for a response without
     * them (stored before they existed and not filled in yet) its answers packed in the database —
     * unpacked into a {@code double[]} in the plan's columns (NaN = missing) and handed to
     * {@code rows} with the school's id. The array is reused: the receiver copies what it keeps.
     */
    void streamAnswers(long waveId, VersionPlan plan, BiConsumer<String, double[]> rows) {
        jdbc.read(c -> {
            if (c.getAutoCommit()) {
                // pgjdbc would silently read the whole result into memory
                throw new IllegalStateException("the answers must be streamed inside a transaction");
            }
            streamPacked(c, waveId, plan, rows);
            if (anyUnpacked(c, waveId, plan.source().versionId())) {
                streamUnpacked(c, waveId, plan, rows);
            }
            return null;
        });
    }

    private static void streamPacked(Connection c, long waveId, VersionPlan plan, BiConsumer<String, double[]> rows)
            throws SQLException {
        PackedRows packedRows = new PackedRows(plan);
        try (PreparedStatement ps = c.prepareStatement(PACKED_RESPONSES, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setLong(1, waveId);
            ps.setLong(2, plan.source().versionId());
            try (ResultSet rs = ps.executeQuery()) {
                double[] row = new double[plan.columns().size()];
                while (rs.next()) {
                    packedRows.fill(rs.getBytes(2), row);
                    rows.accept(Long.toString(rs.getLong(1)), row);
                }
            }
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
    private static void streamUnpacked(Connection c, long waveId, VersionPlan plan, BiConsumer<String, double[]> rows)
            throws SQLException {
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
                    rows.accept(school, row);
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
}
