package org.uklad.identification;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.uklad.school.SchoolCategory;
import org.uklad.system.Jdbc;

/**
 * The identification's own SQL: the external scores over the years (read; the results feature
 * writes them) and the coordinator's decisions (history; the latest row per school counts).
 */
@Singleton
class IdentificationStore {

    private static final String SCORES = """
            SELECT school_id, year, assessment, subject, mean_score, below_pass_share
            FROM external_score ORDER BY year, school_id, assessment, subject""";

    private static final String LATEST = """
            SELECT DISTINCT ON (school_id) school_id, proposed_category, decided_category, reason, decided_at,
                   decided_by_role
            FROM identification_decision ORDER BY school_id, decided_at DESC, id DESC""";

    private static final String INSERT = """
            INSERT INTO identification_decision (school_id, proposed_category, decided_category, reason, decided_by_role)
            VALUES (?, ?, ?, ?, ?) RETURNING decided_at""";

    private final Jdbc jdbc;

    IdentificationStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<Proposer.Score> scores() {
        return jdbc.list(SCORES, rs -> {
            double share = rs.getDouble(6);
            return new Proposer.Score(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                    rs.wasNull() ? null : share);
        });
    }

    /** The latest decision of each school that has one. */
    Map<Long, Identification.Decision> decisions() {
        Map<Long, Identification.Decision> out = new LinkedHashMap<>();
        jdbc.list(LATEST, rs -> new Identification.Decision(rs.getLong(1), SchoolCategory.valueOf(rs.getString(2)),
                SchoolCategory.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)))
                .forEach(d -> out.put(d.schoolId(), d));
        return out;
    }

    Identification.Decision insert(long schoolId, SchoolCategory proposed, SchoolCategory decided, String reason,
                                   String role) {
        return jdbc.returning(INSERT, rs -> new Identification.Decision(schoolId, proposed, decided, reason,
                rs.getTimestamp(1).toInstant(), role), schoolId, proposed.name(), decided.name(), reason, role).orElseThrow();
    }
}
