package org.uklad.wave;

import io.micronaut.data.connection.ConnectionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The one lookup on every submission: an access code joined with its wave. Plain JDBC on a
 * pooled connection (no transaction, one round trip) because it runs once per submitted form and
 * the repository layer's mapping cost more CPU than the query itself (BENCHMARKS.md, Submissions);
 * {@link org.uklad.system.Jdbc} would open a transaction around it, two more round trips.
 */
@Singleton
class AccessCodeStore {

    private static final String FIND = """
            SELECT c.id, c.code, c.wave_id, c.school_id, c.questionnaire_version_id, c.group_label, c.max_uses, c.uses,
                   c.expected_size, w.name, w.kind, w.opens_at, w.closes_at
            FROM access_code c JOIN wave w ON w.id = c.wave_id
            WHERE c.code = ?""";

    private final ConnectionOperations<Connection> connections;

    AccessCodeStore(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    Optional<CodeWithWave> findWithWave(String normalizedCode) {
        return connections.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(FIND)) {
                ps.setString(1, normalizedCode);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    int expected = rs.getInt(9);
                    Integer expectedSize = rs.wasNull() ? null : expected;
                    return Optional.of(new CodeWithWave(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6), rs.getInt(7), rs.getInt(8), expectedSize, rs.getString(10),
                            WaveKind.valueOf(rs.getString(11)), instant(rs, 12), instant(rs, 13)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
