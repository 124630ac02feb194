package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.uklad.system.Jdbc;

/**
 * The queue of summary batches in {@code summary_batch}: its SQL is special (the claim with
 * {@code FOR UPDATE SKIP LOCKED}, conditional state moves that let a cancel win, the ZIP taken
 * and removed in one transaction), so it runs through {@link Jdbc}. Every state move names the
 * state it starts from, so two replicas or a cancel racing the worker cannot both win.
 * School lists are {@code bigint[]}; they are bound as text arrays and cast.
 */
@Singleton
class SummaryBatchStore {

    /** A claimed job: what the worker needs to make it (its owner's rights decide what its PDFs show). */
    record Job(UUID id, long waveId, long accountId, Locale locale, List<Long> schoolIds) {}

    private static final String COLUMNS = """
            id, wave_id, account_id, lang, school_ids, state, done, failed_school_ids, zip IS NOT NULL,
            created_at, finished_at""";

    private final Jdbc jdbc;

    SummaryBatchStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a batch; fails on the unique index when the account already has one active in the wave. */
    void insert(UUID id, long waveId, long accountId, String lang, List<Long> schoolIds) {
        jdbc.update("""
                INSERT INTO summary_batch (id, wave_id, account_id, lang, school_ids, state)
                VALUES (?, ?, ?, ?, CAST(? AS bigint[]), 'QUEUED')""", id, waveId, accountId, lang, schoolIds);
    }

    Optional<SummaryBatch> find(UUID id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM summary_batch WHERE id = ?", SummaryBatchStore::batch, id);
    }

    /** The account's batch of the wave that is still queued or running. */
    Optional<SummaryBatch> active(long waveId, long accountId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM summary_batch WHERE wave_id = ? AND account_id = ? "
                + "AND state IN ('QUEUED', 'RUNNING')", SummaryBatchStore::batch, waveId, accountId);
    }

    /** The schools of a wave: those with access codes in it, by id. */
    List<Long> schoolsOf(long waveId) {
        return jdbc.list("SELECT DISTINCT school_id FROM access_code WHERE wave_id = ? ORDER BY school_id",
                rs -> rs.getLong(1), waveId);
    }

    /** Cancels a queued or running batch; false when it had already finished. */
    boolean cancel(UUID id) {
        return jdbc.update("""
                UPDATE summary_batch SET state = 'CANCELLED', finished_at = now()
                WHERE id = ? AND state IN ('QUEUED', 'RUNNING')""", id) == 1;
    }

    /** The finished ZIP, removed in the same transaction (the job becomes DOWNLOADED); empty if none. */
    Optional<byte[]> takeZip(UUID id) {
        return Optional.ofNullable(jdbc.write(c -> {
            byte[] bytes;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT zip FROM summary_batch WHERE id = ? AND state = 'DONE' AND zip IS NOT NULL FOR UPDATE")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    bytes = rs.getBytes(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE summary_batch SET state = 'DOWNLOADED', zip = NULL WHERE id = ?")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            return bytes;
        }));
    }

    /** Takes the oldest queued job and marks it running; a job another replica holds is skipped. */
    Optional<Job> claim() {
        return jdbc.returning("""
                UPDATE summary_batch SET state = 'RUNNING', heartbeat_at = now(), done = 0, failed_school_ids = '{}'
                WHERE id = (SELECT id FROM summary_batch WHERE state = 'QUEUED' ORDER BY created_at
                            LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, wave_id, account_id, lang, school_ids""",
                rs -> new Job(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3),
                        Locale.forLanguageTag(rs.getString(4)), longs(rs.getArray(5))));
    }

    /** Records progress and the heartbeat; false when the job is no longer RUNNING (cancelled). */
    boolean progress(UUID id, int done, List<Long> failed) {
        return jdbc.update("""
                UPDATE summary_batch SET done = ?, failed_school_ids = CAST(? AS bigint[]), heartbeat_at = now()
                WHERE id = ? AND state = 'RUNNING'""", done, failed, id) == 1;
    }

    /** DONE with the ZIP, or FAILED without one; only if still RUNNING (a cancel wins). */
    void finish(UUID id, int done, List<Long> failed, byte @Nullable [] zip) {
        jdbc.update("""
                UPDATE summary_batch SET state = ?, done = ?, failed_school_ids = CAST(? AS bigint[]), zip = ?,
                       heartbeat_at = now(), finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""",
                zip == null ? SummaryBatch.State.FAILED.name() : SummaryBatch.State.DONE.name(), done, failed, zip, id);
    }

    /** FAILED without a ZIP, if still RUNNING. */
    void fail(UUID id) {
        jdbc.update("""
                UPDATE summary_batch SET state = 'FAILED', zip = NULL, finished_at = now()
                WHERE id = ? AND state = 'RUNNING'""", id);
    }

    /** Queues again every RUNNING job whose heartbeat is older than {@code staleSeconds}. */
    int requeueStale(int staleSeconds) {
        return jdbc.update("""
                UPDATE summary_batch SET state = 'QUEUED'
                WHERE state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?)""", staleSeconds);
    }

    /** Deletes finished jobs (with any ZIP never downloaded) older than {@code keepDays}. */
    int deleteExpired(int keepDays) {
        return jdbc.update("""
                DELETE FROM summary_batch
                WHERE state NOT IN ('QUEUED', 'RUNNING') AND finished_at < now() - make_interval(days => ?)""", keepDays);
    }

    private static SummaryBatch batch(ResultSet rs) throws SQLException {
        return new SummaryBatch(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getString(4),
                longs(rs.getArray(5)), SummaryBatch.State.valueOf(rs.getString(6)), rs.getInt(7), longs(rs.getArray(8)),
                rs.getBoolean(9), rs.getTimestamp(10).toInstant(),
                rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant());
    }

    private static List<Long> longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).longValue()).toList();
    }
}
