package org.uklad.exchange;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.uklad.system.FieldError;
import org.uklad.system.Jdbc;

/**
 * The rows of {@code import_job} (migration V25): written by the replica that runs the import,
 * read by any. Every move names the states it starts from, so a late progress write cannot undo
 * an ending. A problem's arguments are kept as text, joined by a unit separator.
 */
@Singleton
class ImportJobStore {

    private static final String SEPARATOR = "\u001F";
    private static final String COLUMNS = """
            id, wave_id, school_id, questionnaire_version_id, state, bytes_total, bytes_read, rows_read, rows_total,
            rows_stored, stored, already_present, error_count, error_fields, error_codes, error_args, heartbeat_at""";

    private final Jdbc jdbc;

    ImportJobStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, long waveId, long schoolId, long versionId, Long accountId, long bytes) {
        jdbc.update("""
                INSERT INTO import_job (id, wave_id, school_id, questionnaire_version_id, account_id, state, bytes_total)
                VALUES (?, ?, ?, ?, ?, 'QUEUED', ?)""", id, waveId, schoolId, versionId, accountId, bytes);
    }

    Optional<ImportJob> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM import_job WHERE id = ?", ImportJobStore::job, id);
    }

    /** The running job's progress and heartbeat. */
    void progress(UUID id, ImportJob.State state, long bytesRead, long rowsRead, Long rowsTotal, long rowsStored) {
        jdbc.update("""
                UPDATE import_job SET state = ?, bytes_read = ?, rows_read = ?, rows_total = ?, rows_stored = ?,
                       heartbeat_at = now()
                WHERE id = ? AND state IN ('QUEUED', 'CHECKING', 'STORING')""",
                state.name(), bytesRead, (int) rowsRead, rowsTotal == null ? null : rowsTotal.intValue(), (int) rowsStored, id);
    }

    void done(UUID id, int rows, int stored, int alreadyPresent) {
        jdbc.update("""
                UPDATE import_job SET state = 'DONE', rows_total = ?, rows_read = ?, rows_stored = ?, stored = ?,
                       already_present = ?, bytes_read = bytes_total, heartbeat_at = now(), finished_at = now()
                WHERE id = ? AND state IN ('QUEUED', 'CHECKING', 'STORING')""", rows, rows, rows, stored, alreadyPresent, id);
    }

    /** A refused file (its problems) or a failed job (no problems: the service failed). */
    void ended(UUID id, ImportJob.State state, long errorCount, List<FieldError> errors) {
        List<String> fields = errors.stream().map(FieldError::field).toList();
        List<String> codes = errors.stream().map(FieldError::code).toList();
        List<String> args = errors.stream().map(e -> String.join(SEPARATOR, e.args().stream().map(String::valueOf).toList())).toList();
        jdbc.update("""
                UPDATE import_job SET state = ?, error_count = ?, error_fields = CAST(? AS text[]), error_codes = CAST(? AS text[]),
                       error_args = CAST(? AS text[]), heartbeat_at = now(), finished_at = now()
                WHERE id = ? AND state IN ('QUEUED', 'CHECKING', 'STORING')""",
                state.name(), (int) Math.min(Integer.MAX_VALUE, errorCount), fields, codes, args, id);
    }

    /** Forgets jobs finished before {@code before} (their problems may quote a cell). */
    int forget(Instant before) {
        return jdbc.update("DELETE FROM import_job WHERE finished_at < ?", before);
    }

    private static ImportJob job(ResultSet rs) throws SQLException {
        List<String> fields = strings(rs.getArray(14));
        List<String> codes = strings(rs.getArray(15));
        List<String> args = strings(rs.getArray(16));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            List<Object> a = args.get(i).isEmpty() ? List.of() : List.copyOf(Arrays.asList((Object[]) args.get(i).split(SEPARATOR, -1)));
            errors.add(new FieldError(fields.get(i), codes.get(i), a));
        }
        return new ImportJob(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                ImportJob.State.valueOf(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getInt(8),
                (Integer) rs.getObject(9), rs.getInt(10), (Integer) rs.getObject(11), (Integer) rs.getObject(12),
                rs.getInt(13), errors, rs.getTimestamp(17).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
