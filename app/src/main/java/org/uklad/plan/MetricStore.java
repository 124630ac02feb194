package org.uklad.plan;

import jakarta.inject.Singleton;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.uklad.system.Jdbc;

/**
 * The rows behind each computed {@link Metric}, one query per metric for the whole region; {@link
 * Plans} narrows them to a municipality or a school. Responses are the published ones (the
 * {@code response} table holds nothing else).
 */
@Singleton
class MetricStore {

    /** Identified schools: the categories the programmes support. */
    static final String IDENTIFIED = "s.category IN ('SHNRO', 'SHRSSU')";

    /**
     * One counted thing in a school: {@code key} tells things apart (a wave, a programme, a school),
     * {@code counted} whether it counts towards a share, {@code done} of {@code total} for measures.
     */
    record Row(long schoolId, String municipality, long key, String label, boolean counted, int done, int total) {}

    private final Jdbc jdbc;

    MetricStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The school year containing {@code day}: it starts in September (2026 is 2026/27), as the profiles count. */
    static int schoolYear(LocalDate day) {
        return day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1;
    }

    /** The rows of a metric as of {@code today}. */
    List<Row> rows(Metric metric, LocalDate today) {
        return switch (metric) {
            case WAVES_RUN -> jdbc.list("""
                    SELECT DISTINCT s.id, s.municipality, w.id AS wave, w.name, w.opens_at
                    FROM wave w JOIN response r ON r.wave_id = w.id JOIN school s ON s.id = r.school_id
                    WHERE %s ORDER BY w.opens_at, w.id, s.id""".formatted(IDENTIFIED),
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), true, 0, 0));
            case IDENTIFIED_WITH_PROGRAMME -> jdbc.list("""
                    SELECT s.id, s.municipality, s.name,
                           EXISTS (SELECT 1 FROM programme p WHERE p.supported_school_id = s.id)
                    FROM school s WHERE %s ORDER BY s.municipality, s.name""".formatted(IDENTIFIED),
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(1), rs.getString(3) + " (" + rs.getString(2) + ")",
                            rs.getBoolean(4), 0, 0));
            case PARTNERSHIP_PAIRS -> jdbc.list("""
                    SELECT s.id, s.municipality, p.id, m.name || ' → ' || s.name
                    FROM partnership p JOIN school s ON s.id = p.supported_school_id
                    JOIN school m ON m.id = p.mentor_school_id
                    ORDER BY s.municipality, s.name, m.name""",
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), true, 0, 0));
            // a wave that opened in the 12 months up to the end of today, with a published answer of the school
            case SCHOOLS_MONITORED -> jdbc.list("""
                    SELECT s.id, s.municipality, s.name,
                           EXISTS (SELECT 1 FROM response r JOIN wave w ON w.id = r.wave_id
                                   WHERE r.school_id = s.id AND w.opens_at >= CAST(? AS date) - INTERVAL '12 months'
                                     AND w.opens_at < CAST(? AS date) + 1)
                    FROM school s WHERE %s ORDER BY s.municipality, s.name""".formatted(IDENTIFIED),
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(1), rs.getString(3) + " (" + rs.getString(2) + ")",
                            rs.getBoolean(4), 0, 0), Date.valueOf(today), Date.valueOf(today));
            case MEASURES_DONE -> jdbc.list("""
                    SELECT s.id, s.municipality, p.id, p.title || ' (' || s.name || ')',
                           count(m.id) FILTER (WHERE m.status = 'DONE'), count(m.id)
                    FROM programme p JOIN school s ON s.id = p.supported_school_id
                    LEFT JOIN programme_measure m ON m.programme_id = p.id
                    GROUP BY s.id, s.municipality, s.name, p.id, p.title ORDER BY s.municipality, s.name, p.id""",
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), true, rs.getInt(5),
                            rs.getInt(6)));
            // the profile of the school year that contains today (2026 is 2026/27, from September)
            case SPECIALIST_POSTS -> jdbc.list("""
                    SELECT s.id, s.municipality, s.name,
                           coalesce(sp.psychologists > 0 AND sp.speech_therapists > 0
                                    AND sp.special_needs_teachers > 0 AND sp.social_pedagogues > 0, false)
                    FROM school s LEFT JOIN school_profile sp ON sp.school_id = s.id AND sp.school_year = ?
                    WHERE %s ORDER BY s.municipality, s.name""".formatted(IDENTIFIED),
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(1), rs.getString(3) + " (" + rs.getString(2) + ")",
                            rs.getBoolean(4), 0, 0), schoolYear(today));
            case STAFF_TRAINED -> jdbc.list("""
                    SELECT s.id, s.municipality, s.name, sp.staff_trained
                    FROM school s JOIN school_profile sp ON sp.school_id = s.id AND sp.school_year = ?
                    WHERE %s ORDER BY s.municipality, s.name""".formatted(IDENTIFIED),
                    rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(1), rs.getString(3) + " (" + rs.getString(2) + ")",
                            true, rs.getInt(4), 0), schoolYear(today));
        };
    }
}
