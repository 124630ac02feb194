package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.uklad.system.Jdbc;

/**
 * Plain reads of the support programme tables (V14) and the external results over years (V15) for
 * the measured effect and the programme report. The programme feature owns these tables and writes
 * them; this store only reads, so the effect never changes a programme.
 */
@Singleton
class EffectStore {

    /** A programme as the effect and the report need it. */
    record ProgrammeRow(long id, long supportedSchoolId, @Nullable Long mentorSchoolId, String title, String goals,
                        List<String> risks, @Nullable Long baselineWaveId) {}

    /** A measure of a programme (see V14 for the meaning of each column). */
    record MeasureRow(long id, long programmeId, String title, String owner, @Nullable String riskFactor,
                      String indicatorKind, @Nullable String questionnaireKey, @Nullable String constructId,
                      @Nullable String assessment, @Nullable String subject, @Nullable Long baselineWaveId,
                      @Nullable Double baselineValue, @Nullable Double targetValue, LocalDate startsOn, LocalDate dueOn,
                      String status) {

        boolean construct() {
            return "CONSTRUCT".equals(indicatorKind);
        }
    }

    /** One school's external result in one year. */
    record ExternalScore(long schoolId, int year, double meanScore, int participants) {}

    private static final String PROGRAMME_COLUMNS = """
            SELECT id, supported_school_id, mentor_school_id, title, goals, risks, baseline_wave_id FROM programme""";
    private static final String MEASURE_COLUMNS = """
            SELECT id, programme_id, title, owner, risk_factor, indicator_kind, questionnaire_key, construct_id,
                   assessment, subject, baseline_wave_id, baseline_value, target_value, starts_on, due_on, status
            FROM programme_measure""";

    private final Jdbc jdbc;

    EffectStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProgrammeRow> programme(long id) {
        return jdbc.one(PROGRAMME_COLUMNS + " WHERE id = ?", EffectStore::programme, id);
    }

    List<ProgrammeRow> programmes() {
        return jdbc.list(PROGRAMME_COLUMNS + " ORDER BY id", EffectStore::programme);
    }

    List<MeasureRow> measures(long programmeId) {
        return jdbc.list(MEASURE_COLUMNS + " WHERE programme_id = ? ORDER BY starts_on, id", EffectStore::measure, programmeId);
    }

    /**
     * The supported schools of programmes with a measure on the same indicator that started by
     * {@code startedBy} (not dropped): they are no comparison for that indicator.
     */
    Set<Long> schoolsWithMeasureOn(MeasureRow m, LocalDate startedBy) {
        String sql = """
                SELECT DISTINCT p.supported_school_id FROM programme_measure pm JOIN programme p ON p.id = pm.programme_id
                WHERE pm.status <> 'DROPPED' AND pm.starts_on <= ? AND pm.indicator_kind = ?
                  AND coalesce(pm.questionnaire_key, '') = ? AND coalesce(pm.construct_id, '') = ?
                  AND coalesce(pm.assessment, '') = ? AND coalesce(pm.subject, '') = ?""";
        return new TreeSet<>(jdbc.list(sql, rs -> rs.getLong(1), Date.valueOf(startedBy), m.indicatorKind(),
                nz(m.questionnaireKey()), nz(m.constructId()), nz(m.assessment()), nz(m.subject())));
    }

    /** Every school's result in an assessment and subject, by year. */
    List<ExternalScore> externalScores(String assessment, String subject) {
        return jdbc.list("""
                SELECT school_id, year, mean_score, participants FROM external_score
                WHERE assessment = ? AND subject = ? ORDER BY year, school_id""",
                rs -> new ExternalScore(rs.getLong(1), rs.getInt(2), rs.getDouble(3), rs.getInt(4)), assessment, subject);
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static ProgrammeRow programme(ResultSet rs) throws SQLException {
        Array risks = rs.getArray(6);
        return new ProgrammeRow(rs.getLong(1), rs.getLong(2), nullableLong(rs, 3), rs.getString(4), rs.getString(5),
                risks == null ? List.of() : List.of((String[]) risks.getArray()), nullableLong(rs, 7));
    }

    private static MeasureRow measure(ResultSet rs) throws SQLException {
        return new MeasureRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                nullableLong(rs, 11), nullableDouble(rs, 12), nullableDouble(rs, 13),
                rs.getDate(14).toLocalDate(), rs.getDate(15).toLocalDate(), rs.getString(16));
    }

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static @Nullable Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
