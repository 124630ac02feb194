package org.uklad.context;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uklad.system.Jdbc;

/**
 * The {@code external_score} and {@code wave_outcome} tables (V15, V16): scores by school, year,
 * assessment and subject, and which of them is each wave's one-number outcome.
 */
@Singleton
class ExternalScoreStore {

    private static final String COLUMNS = "e.school_id, e.year, e.assessment, e.subject, e.mean_score, e.participants, "
            + "e.below_pass_share, e.updated_at";

    /* xmax = 0 only for a row this statement inserted: how an upsert tells added from replaced */
    private static final String UPSERT = """
            INSERT INTO external_score (school_id, year, assessment, subject, mean_score, participants, below_pass_share)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (school_id, year, assessment, subject) DO UPDATE SET mean_score = EXCLUDED.mean_score,
                participants = EXCLUDED.participants, below_pass_share = EXCLUDED.below_pass_share, updated_at = now()
            RETURNING (xmax = 0), updated_at""";

    /* the one-number entry knows only the mean: what was imported beside it stays */
    private static final String SET_MEAN = """
            INSERT INTO external_score AS e (school_id, year, assessment, subject, mean_score, participants)
            VALUES (?, ?, ?, ?, ?, 0)
            ON CONFLICT (school_id, year, assessment, subject) DO UPDATE SET mean_score = EXCLUDED.mean_score,
                updated_at = now()
            RETURNING e.updated_at""";

    private static final String DELETE = """
            DELETE FROM external_score WHERE school_id = ? AND year = ? AND assessment = ? AND subject = ?""";

    private static final String OUTCOME = "SELECT year, assessment, subject FROM wave_outcome WHERE wave_id = ?";

    private static final String OUTCOMES = "SELECT wave_id, year, assessment, subject FROM wave_outcome";

    private static final String SET_OUTCOME = """
            INSERT INTO wave_outcome (wave_id, year, assessment, subject) VALUES (?, ?, ?, ?)
            ON CONFLICT (wave_id) DO UPDATE SET year = EXCLUDED.year, assessment = EXCLUDED.assessment,
                subject = EXCLUDED.subject, updated_at = now()""";

    private final Jdbc jdbc;

    ExternalScoreStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The scores matching every filter given (null: any; the subject in any case), by municipality,
     * school, year, assessment, subject.
     */
    List<ExternalScore> find(@Nullable String municipality, @Nullable Long schoolId, @Nullable Integer year,
                             @Nullable String assessment, @Nullable String subject) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM external_score e JOIN school s ON s.id = e.school_id WHERE true");
        List<Object> params = new ArrayList<>();
        if (municipality != null) {
            sql.append(" AND s.municipality = ?");
            params.add(municipality);
        }
        if (schoolId != null) {
            sql.append(" AND e.school_id = ?");
            params.add(schoolId);
        }
        if (year != null) {
            sql.append(" AND e.year = ?");
            params.add(year);
        }
        if (assessment != null) {
            sql.append(" AND e.assessment = ?");
            params.add(assessment);
        }
        if (subject != null) {
            // as given, or in lower case as imported subjects are stored (a one-number label keeps its case)
            sql.append(" AND e.subject IN (?, ?)");
            params.add(subject);
            params.add(subject.toLowerCase(java.util.Locale.ROOT));
        }
        sql.append(" ORDER BY s.municipality, s.name, e.school_id, e.year, e.assessment, e.subject");
        return jdbc.list(sql.toString(), ExternalScoreStore::score, params.toArray());
    }

    Optional<ExternalScore> find(ExternalScore.Key key) {
        return jdbc.one("SELECT " + COLUMNS + " FROM external_score e WHERE e.school_id = ? AND e.year = ? AND e.assessment = ?"
                + " AND e.subject = ?", ExternalScoreStore::score, key.schoolId(), key.year(), key.assessment(), key.subject());
    }

    /** The distinct years and assessments stored, for the page's filters. */
    List<Integer> years() {
        return jdbc.list("SELECT DISTINCT year FROM external_score ORDER BY year DESC", rs -> rs.getInt(1));
    }

    List<String> assessments() {
        return jdbc.list("SELECT DISTINCT assessment FROM external_score ORDER BY assessment", rs -> rs.getString(1));
    }

    /** Inserts or replaces a score; true when it was added, false when it replaced one. */
    boolean save(ExternalScore.Key key, double meanScore, int participants, @Nullable Double belowPassShare) {
        return jdbc.returning(UPSERT, rs -> rs.getBoolean(1), key.schoolId(), key.year(), key.assessment(), key.subject(),
                meanScore, participants, belowPassShare).orElseThrow();
    }

    /** Sets the mean of a score, adding it (participants unknown) when absent; when it was saved. */
    java.time.Instant saveMean(ExternalScore.Key key, double meanScore) {
        return jdbc.returning(SET_MEAN, rs -> rs.getTimestamp(1).toInstant(), key.schoolId(), key.year(),
                key.assessment(), key.subject(), meanScore).orElseThrow();
    }

    boolean delete(ExternalScore.Key key) {
        return jdbc.update(DELETE, key.schoolId(), key.year(), key.assessment(), key.subject()) > 0;
    }

    Optional<ExternalScores.Outcome> outcome(long waveId) {
        return jdbc.one(OUTCOME, rs -> new ExternalScores.Outcome(rs.getInt(1), rs.getString(2), rs.getString(3)), waveId);
    }

    /** Every wave's outcome by wave id. */
    java.util.Map<Long, ExternalScores.Outcome> outcomes() {
        java.util.Map<Long, ExternalScores.Outcome> out = new java.util.LinkedHashMap<>();
        jdbc.list(OUTCOMES, rs -> out.put(rs.getLong(1), new ExternalScores.Outcome(rs.getInt(2), rs.getString(3), rs.getString(4))));
        return out;
    }

    void setOutcome(long waveId, ExternalScores.Outcome outcome) {
        jdbc.update(SET_OUTCOME, waveId, outcome.year(), outcome.assessment(), outcome.subject());
    }

    private static ExternalScore score(ResultSet rs) throws SQLException {
        double share = rs.getDouble(7);
        return new ExternalScore(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getInt(6), rs.wasNull() ? null : share, rs.getTimestamp(8).toInstant());
    }
}
