package org.uklad.wave;

import org.uklad.system.Jdbc;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The one lookup on every submission: an access code joined with its wave, in one round trip
 * outside any transaction ({@link Jdbc#lookup}), because it runs once per submitted form and the
 * repository layer's mapping cost more CPU than the query itself (BENCHMARKS.md, Submissions).
 */
@Singleton
class AccessCodeStore {

    private static final String FIND = """
            SELECT c.id, c.code, c.wave_id, c.school_id, c.questionnaire_version_id, c.group_label, c.max_uses, c.uses,
                   c.expected_size, w.name, w.kind, w.opens_at, w.closes_at
            FROM access_code c JOIN wave w ON w.id = c.wave_id
            WHERE c.code = ?""";

    private final Jdbc jdbc;

    AccessCodeStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CodeWithWave> findWithWave(String normalizedCode) {
        return jdbc.lookup(FIND, rs -> {
            int expected = rs.getInt(9);
            Integer expectedSize = rs.wasNull() ? null : expected;
            return new CodeWithWave(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                    rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8), expectedSize, rs.getString(10),
                    WaveKind.valueOf(rs.getString(11)), instant(rs, 12), instant(rs, 13));
        }, normalizedCode);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
