package org.uklad.report;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.account.Role;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.audit.AuditLog;
import org.uklad.indices.IndicesService;
import org.uklad.indices.WaveIndices;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * All school summaries of a wave as one ZIP, made in the background.
 *
 * <p><b>Who.</b> An administrator gets every school with access codes in the wave, a psychologist
 * those of them assigned to them ({@link SchoolScope#canDownload}); directors download their one
 * summary directly. A batch is seen (progress, cancel, download) by the person who asked for it
 * and by administrators; to anyone else it does not exist (404).
 *
 * <p><b>Where it lives.</b> The job, its progress and the finished ZIP are rows of
 * {@code summary_batch}, so any replica shows the progress and serves the download, and a restart
 * loses nothing. A job is claimed with {@code FOR UPDATE SKIP LOCKED}, so each runs once; its
 * heartbeat moves with every school, and a RUNNING job whose heartbeat stopped for
 * {@value #STALE_SECONDS} s (its replica died) is queued again and starts over.
 *
 * <p><b>How many at once.</b> Each replica makes one batch at a time on a single worker thread,
 * so a batch never takes more than one core from respondents and other staff (200 summaries took
 * 3.2 s this way against 2.3 s on two threads, BENCHMARKS.md); one person has at most one queued
 * or running batch per wave — asking again shows that one.
 *
 * <p><b>Failures.</b> A school whose summary cannot be made is recorded in the job and named on
 * the page and in {@code contents.txt} inside the ZIP; the other schools still come. When every
 * school fails, the job fails and there is no ZIP.
 *
 * <p><b>Cancel.</b> A queued or running job can be cancelled; the worker notices before the next
 * school and stores nothing, so a cancelled job never has a ZIP.
 *
 * <p><b>Audit.</b> Starting a batch and cancelling one are in the audit log (the download is,
 * by {@link SummaryBatchController}); asking again for a batch already waiting, or cancelling
 * one already finished, changes nothing and is not logged.
 *
 * <p><b>Keeping.</b> A finished ZIP is kept until it is downloaded, then removed (the job stays,
 * marked downloaded: a new batch makes it again); finished jobs, downloaded or not, are deleted
 * after {@code uklad.summary-batches.keep-days} (7) days.
 */
@Singleton
public class SummaryBatches {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryBatches.class);
    static final int STALE_SECONDS = 120;

    /** What a job is doing. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED, DOWNLOADED;

        public boolean finished() {
            return this != QUEUED && this != RUNNING;
        }
    }

    /**
     * A job as its page and status JSON show it.
     *
     * @param schoolIds     the schools asked for, in the order they are made
     * @param failedSchools the schools whose summary could not be made so far
     * @param hasZip        whether the finished ZIP is stored (DONE and not yet downloaded)
     */
    public record Batch(UUID id, long waveId, long accountId, String lang, List<Long> schoolIds, State state,
                        int done, List<Long> failedSchools, boolean hasZip, Instant createdAt, @Nullable Instant finishedAt) {
        public int total() {
            return schoolIds.size();
        }

        /** Whole percent of schools made (0 for an empty batch). */
        public int percent() {
            return total() == 0 ? 100 : (int) Math.floor(100.0 * done / total());
        }
    }

    private static final String COLUMNS = """
            id, wave_id, account_id, lang, school_ids, state, done, failed_school_ids, zip IS NOT NULL,
            created_at, finished_at""";

    private final TransactionOperations<Connection> transactions;
    private final SchoolSummaryService summaries;
    private final IndicesService indices;
    private final Waves waves;
    private final Schools schools;
    private final SchoolScope scope;
    private final AuditLog audit;
    private final boolean worker;
    private final int keepDays;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "summary-batches");
        t.setDaemon(true);
        return t;
    });

    SummaryBatches(TransactionOperations<Connection> transactions, SchoolSummaryService summaries, IndicesService indices,
                   Waves waves, Schools schools, SchoolScope scope, AuditLog audit,
                   @Value("${uklad.summary-batches.worker:true}") boolean worker,
                   @Value("${uklad.summary-batches.keep-days:7}") int keepDays) {
        this.transactions = transactions;
        this.summaries = summaries;
        this.indices = indices;
        this.waves = waves;
        this.schools = schools;
        this.scope = scope;
        this.audit = audit;
        this.worker = worker;
        this.keepDays = Math.max(1, keepDays);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    // ---- asking, reading, cancelling, downloading ----------------------------------------------

    /**
     * Queues a batch of the wave's summaries in the user's reach, or returns the user's batch of
     * the wave that is still queued or running.
     *
     * @throws ProblemException 403 for a director or an API token; 404 for an unknown wave; 422
     *                          ({@code schools}) when no school of the wave is in the user's reach
     */
    public Batch start(Authentication auth, long waveId, Locale locale) {
        Role role = Role.of(auth).orElse(null);
        Long account = StaffAuthentication.accountId(auth).orElse(null);
        if (account == null || (role != Role.ADMIN && role != Role.PSYCHOLOGIST)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Optional<Batch> running = active(waveId, account);
        if (running.isPresent()) {
            return running.get();
        }
        List<Long> ids = schoolsOf(waveId).stream().filter(id -> scope.canDownload(auth, id)).toList();
        if (ids.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(new FieldError("schools", "no-schools", List.of())));
        }
        UUID id = UUID.randomUUID();
        try {
            sql(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO summary_batch (id, wave_id, account_id, lang, school_ids, state)
                        VALUES (?, ?, ?, ?, ?, 'QUEUED')""")) {
                    ps.setObject(1, id);
                    ps.setLong(2, waveId);
                    ps.setLong(3, account);
                    ps.setString(4, locale.getLanguage());
                    ps.setArray(5, c.createArrayOf("bigint", ids.toArray()));
                    ps.executeUpdate();
                }
                return null;
            }, true);
        } catch (RuntimeException e) {
            // two requests at once: the unique index let one in; show that one
            Optional<Batch> other = active(waveId, account);
            if (other.isPresent()) {
                return other.get();
            }
            throw e;
        }
        audit.record(AuditLog.Action.SUMMARY_BATCH_STARTED, "wave " + waveId,
                "batch " + id + ": " + ids.size() + " schools, " + locale.getLanguage());
        wake();
        return find(id).orElseThrow();
    }

    /** The batch if the user may see it (its owner, or an administrator); 404 otherwise. */
    public Batch visible(Authentication auth, UUID id) {
        Batch b = find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        boolean admin = Role.of(auth).orElse(null) == Role.ADMIN;
        if (!admin && !StaffAuthentication.accountId(auth).map(a -> a == b.accountId()).orElse(false)) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return b;
    }

    /** Cancels a queued or running batch; a finished one stays as it is. */
    public Batch cancel(Authentication auth, UUID id) {
        visible(auth, id);
        boolean cancelled = sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE summary_batch SET state = 'CANCELLED', finished_at = now()
                    WHERE id = ? AND state IN ('QUEUED', 'RUNNING')""")) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        }, true);
        Batch b = find(id).orElseThrow();
        if (cancelled) {
            // an administrator may cancel someone else's batch: the owner is named
            audit.record(AuditLog.Action.SUMMARY_BATCH_CANCELLED, "wave " + b.waveId(), "batch " + id + " of account #"
                    + b.accountId() + ": " + b.done() + " of " + b.total() + " schools made");
        }
        return b;
    }

    /**
     * The finished ZIP, removed from storage in the same transaction (the job is then DOWNLOADED).
     *
     * @throws ProblemException 404 when there is no ZIP (not finished, cancelled, failed, or
     *                          already downloaded)
     */
    public byte[] takeZip(Authentication auth, UUID id) {
        visible(auth, id);
        byte[] zip = sql(c -> {
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
        }, true);
        if (zip == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return zip;
    }

    /** The schools of a wave: those with access codes in it, by id. */
    List<Long> schoolsOf(long waveId) {
        return sql(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT school_id FROM access_code WHERE wave_id = ? ORDER BY school_id")) {
                ps.setLong(1, waveId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        }, false);
    }

    Optional<Batch> find(UUID id) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM summary_batch WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(batch(rs)) : Optional.<Batch>empty();
                }
            }
        }, false);
    }

    private Optional<Batch> active(long waveId, long account) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM summary_batch WHERE wave_id = ? AND account_id = ? AND state IN ('QUEUED', 'RUNNING')")) {
                ps.setLong(1, waveId);
                ps.setLong(2, account);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(batch(rs)) : Optional.<Batch>empty();
                }
            }
        }, false);
    }

    private static Batch batch(ResultSet rs) throws SQLException {
        return new Batch(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getString(4), longs(rs.getArray(5)),
                State.valueOf(rs.getString(6)), rs.getInt(7), longs(rs.getArray(8)), rs.getBoolean(9),
                rs.getTimestamp(10).toInstant(), rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant());
    }

    private static List<Long> longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).longValue()).toList();
    }

    // ---- the worker ---------------------------------------------------------------------------

    /** Lets this replica's worker look for queued jobs (unless the worker is switched off). */
    void wake() {
        if (worker) {
            executor.execute(this::drain);
        }
    }

    /** Every 15 s: queue again what a dead replica left running, delete old jobs, pick up work. */
    @Scheduled(fixedDelay = "15s", initialDelay = "15s")
    void tick() {
        try {
            requeueStale();
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warn("Summary batch housekeeping failed: {}", e.getClass().getSimpleName());
        }
        wake();
    }

    /** Runs queued jobs one after another until none is left. */
    void drain() {
        while (true) {
            Optional<Job> job;
            try {
                job = claim();
            } catch (RuntimeException e) {
                LOG.warn("Could not claim a summary batch: {}", e.getClass().getSimpleName());
                return;
            }
            if (job.isEmpty()) {
                return;
            }
            run(job.get());
        }
    }

    /** A claimed job: what the worker needs to make it. */
    record Job(UUID id, long waveId, Locale locale, List<Long> schoolIds) {}

    /** Takes the oldest queued job and marks it running. */
    Optional<Job> claim() {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE summary_batch SET state = 'RUNNING', heartbeat_at = now(), done = 0, failed_school_ids = '{}'
                    WHERE id = (SELECT id FROM summary_batch WHERE state = 'QUEUED' ORDER BY created_at
                                LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id, wave_id, lang, school_ids""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Job>empty();
                    }
                    return Optional.of(new Job(rs.getObject(1, UUID.class), rs.getLong(2),
                            Locale.forLanguageTag(rs.getString(3)), longs(rs.getArray(4))));
                }
            }
        }, true);
    }

    /** Makes the job's ZIP; stops without storing anything as soon as the job is no longer RUNNING. */
    void run(Job job) {
        try {
            Wave wave = waves.find(job.waveId()).orElseThrow(() -> new IllegalStateException("wave gone"));
            WaveIndices computed = indices.compute(job.waveId());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
            List<Long> failed = new ArrayList<>();
            StringBuilder contents = new StringBuilder();
            int done = 0;
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                for (long schoolId : job.schoolIds()) {
                    if (!progress(job.id(), done, failed)) {
                        return;   // cancelled (or deleted): nothing is stored
                    }
                    String name = SchoolSummaryService.fileName(job.waveId(), schoolId, job.locale());
                    String schoolName = schools.find(schoolId).map(School::name).orElse("#" + schoolId);
                    try {
                        byte[] pdf = summaries.render(computed, wave, schoolId, job.locale());
                        zip.putNextEntry(new ZipEntry(name));
                        zip.write(pdf);
                        zip.closeEntry();
                        contents.append(name).append('\t').append(schoolName).append('\n');
                    } catch (RuntimeException e) {
                        // one school's failure does not sink the batch, and it is not silent either
                        LOG.warn("Summary of school {} in wave {} failed: {}", schoolId, job.waveId(),
                                e.getClass().getSimpleName(), e);
                        failed.add(schoolId);
                        contents.append("FAILED").append('\t').append(schoolName).append('\n');
                    }
                    done++;
                }
                zip.putNextEntry(new ZipEntry("contents.txt"));
                zip.write(contents.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            finish(job.id(), done, failed, failed.size() == job.schoolIds().size() ? null : bytes.toByteArray());
        } catch (IOException e) {
            fail(job.id(), new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(job.id(), e);
        }
    }

    /** Records progress and the heartbeat; false when the job was cancelled meanwhile. */
    private boolean progress(UUID id, int done, List<Long> failed) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE summary_batch SET done = ?, failed_school_ids = ?, heartbeat_at = now()
                    WHERE id = ? AND state = 'RUNNING'""")) {
                ps.setInt(1, done);
                ps.setArray(2, c.createArrayOf("bigint", failed.toArray()));
                ps.setObject(3, id);
                return ps.executeUpdate() == 1;
            }
        }, true);
    }

    /** DONE with the ZIP, or FAILED without one; only if still RUNNING (a cancel wins). */
    private void finish(UUID id, int done, List<Long> failed, byte @Nullable [] zip) {
        sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE summary_batch SET state = ?, done = ?, failed_school_ids = ?, zip = ?,
                           heartbeat_at = now(), finished_at = now()
                    WHERE id = ? AND state = 'RUNNING'""")) {
                ps.setString(1, zip == null ? State.FAILED.name() : State.DONE.name());
                ps.setInt(2, done);
                ps.setArray(3, c.createArrayOf("bigint", failed.toArray()));
                ps.setBytes(4, zip);
                ps.setObject(5, id);
                ps.executeUpdate();
            }
            return null;
        }, true);
    }

    private void fail(UUID id, RuntimeException e) {
        LOG.warn("Summary batch {} failed: {}", id, e.getClass().getSimpleName(), e);
        try {
            sql(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE summary_batch SET state = 'FAILED', zip = NULL, finished_at = now()
                        WHERE id = ? AND state = 'RUNNING'""")) {
                    ps.setObject(1, id);
                    ps.executeUpdate();
                }
                return null;
            }, true);
        } catch (RuntimeException again) {
            LOG.warn("Could not mark summary batch {} failed: {}", id, again.getClass().getSimpleName());
        }
    }

    /** A RUNNING job whose heartbeat stopped belongs to a replica that died: queue it again. */
    int requeueStale() {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE summary_batch SET state = 'QUEUED'
                    WHERE state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?)""")) {
                ps.setInt(1, STALE_SECONDS);
                return ps.executeUpdate();
            }
        }, true);
    }

    /** Deletes finished jobs (with any ZIP never downloaded) older than the keeping time. */
    int deleteExpired() {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    DELETE FROM summary_batch
                    WHERE state NOT IN ('QUEUED', 'RUNNING') AND finished_at < now() - make_interval(days => ?)""")) {
                ps.setInt(1, keepDays);
                return ps.executeUpdate();
            }
        }, true);
    }

    int keepDays() {
        return keepDays;
    }

    // ---- JDBC ---------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(Work<T> work, boolean write) {
        try {
            return write
                    ? transactions.executeWrite(status -> run(work, status.getConnection()))
                    : transactions.executeRead(status -> run(work, status.getConnection()));
        } catch (WrappedSql e) {
            throw new IllegalStateException("Summary batches", e.getCause());
        }
    }

    private static <T> T run(Work<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new WrappedSql(e);
        }
    }

    private static final class WrappedSql extends RuntimeException {
        WrappedSql(SQLException e) {
            super(e);
        }
    }
}
