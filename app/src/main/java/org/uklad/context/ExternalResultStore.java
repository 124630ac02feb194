package org.uklad.context;

import jakarta.inject.Singleton;
import java.util.List;
import org.uklad.context.ExternalResults.ExternalResult;
import org.uklad.system.Jdbc;

/**
 * The {@code external_result} view (V16): one number per school and wave, the wave's outcome in
 * {@code external_score}; written through {@link ExternalScoreStore}.
 */
@Singleton
class ExternalResultStore {

    private static final String OF_WAVE = """
            SELECT school_id, value, label, updated_at FROM external_result WHERE wave_id = ? ORDER BY school_id""";

    private final Jdbc jdbc;

    ExternalResultStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<ExternalResult> of(long waveId) {
        return jdbc.list(OF_WAVE, rs -> new ExternalResult(rs.getLong(1), rs.getDouble(2), rs.getString(3),
                rs.getTimestamp(4).toInstant()), waveId);
    }
}
