package org.uklad.context;

import jakarta.inject.Singleton;
import java.util.List;
import org.uklad.context.ExternalResults.ExternalResult;
import org.uklad.system.Jdbc;

/** The {@code external_result} table: one number per school and wave, replaced by the next save. */
@Singleton
class ExternalResultStore {

    private static final String OF_WAVE = """
            SELECT school_id, value, label, updated_at FROM external_result WHERE wave_id = ? ORDER BY school_id""";

    private static final String SAVE = """
            INSERT INTO external_result (wave_id, school_id, value, label) VALUES (?, ?, ?, ?)
            ON CONFLICT (wave_id, school_id) DO UPDATE SET value = EXCLUDED.value, label = EXCLUDED.label,
                updated_at = now()
            RETURNING updated_at""";

    private final Jdbc jdbc;

    ExternalResultStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<ExternalResult> of(long waveId) {
        return jdbc.list(OF_WAVE, rs -> new ExternalResult(rs.getLong(1), rs.getDouble(2), rs.getString(3),
                rs.getTimestamp(4).toInstant()), waveId);
    }

    /** Inserts or replaces the school's result in the wave; the result as saved. */
    ExternalResult save(long waveId, long schoolId, double value, String label) {
        return jdbc.returning(SAVE, rs -> new ExternalResult(schoolId, value, label, rs.getTimestamp(1).toInstant()),
                waveId, schoolId, value, label).orElseThrow();
    }
}
