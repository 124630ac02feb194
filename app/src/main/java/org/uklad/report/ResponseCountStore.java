package org.uklad.report;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uklad.system.Jdbc;

/**
 * How many answered and how many were expected at a school in a wave, per questionnaire version:
 * the aggregates of the summary's response table, read in one snapshot.
 */
@Singleton
class ResponseCountStore {

    /** Responses and expected group sizes, by questionnaire version id. */
    record Counts(Map<Long, Long> responses, Map<Long, Long> expected) {}

    private static final String RESPONSES = """
            SELECT questionnaire_version_id, count(*) FROM response
            WHERE wave_id = ? AND school_id = ? GROUP BY questionnaire_version_id""";
    private static final String EXPECTED = """
            SELECT questionnaire_version_id, sum(expected_size) FROM access_code
            WHERE wave_id = ? AND school_id = ? AND expected_size IS NOT NULL GROUP BY questionnaire_version_id""";

    private record VersionCount(long versionId, long count) {}

    private final Jdbc jdbc;

    ResponseCountStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Counts counts(long waveId, long schoolId) {
        return jdbc.readOnly(() -> new Counts(byVersion(RESPONSES, waveId, schoolId), byVersion(EXPECTED, waveId, schoolId)));
    }

    private Map<Long, Long> byVersion(String sql, long waveId, long schoolId) {
        List<VersionCount> rows = jdbc.list(sql, rs -> new VersionCount(rs.getLong(1), rs.getLong(2)), waveId, schoolId);
        Map<Long, Long> out = new HashMap<>();
        rows.forEach(r -> out.put(r.versionId(), r.count()));
        return out;
    }
}
