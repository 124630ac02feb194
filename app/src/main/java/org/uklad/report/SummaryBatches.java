package org.uklad.report;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.audit.AuditLog;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * All school summaries of a wave as one ZIP, made in the background: what the controllers call
 * to start, see, cancel and download a batch, and who may.
 *
 * <p><b>Who.</b> Those who run the survey work ({@link SchoolScope#mayManageWaves}): a coordinator
 * gets every school with access codes in the wave, a psychologist those of them assigned to them
 * ({@link SchoolScope#canDownload}); directors download their one summary directly. A batch is
 * seen (progress, cancel, download) by the person who asked for it and by coordinators
 * ({@link SchoolScope#isCoordinator}); to anyone else it does not exist (404).
 *
 * <p><b>Where it lives.</b> The job, its progress and the finished ZIP are rows of
 * {@code summary_batch} ({@link SummaryBatchStore}), so any replica shows the progress and serves
 * the download, and a restart loses nothing. {@link SummaryBatchWorker} makes them, one at a time
 * per replica; one person has at most one queued or running batch per wave — asking again shows
 * that one.
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

    private final SummaryBatchStore store;
    private final SummaryBatchWorker worker;
    private final Waves waves;
    private final SchoolScope scope;
    private final AuditLog audit;

    SummaryBatches(SummaryBatchStore store, SummaryBatchWorker worker, Waves waves, SchoolScope scope, AuditLog audit) {
        this.store = store;
        this.worker = worker;
        this.waves = waves;
        this.scope = scope;
        this.audit = audit;
    }

    /**
     * Queues a batch of the wave's summaries in the user's reach, or returns the user's batch of
     * the wave that is still queued or running.
     *
     * @throws ProblemException 403 for a director or an API token; 404 for an unknown wave; 422
     *                          ({@code schools}) when no school of the wave is in the user's reach
     */
    public SummaryBatch start(Authentication auth, long waveId, Locale locale) {
        Long account = StaffAuthentication.accountId(auth).orElse(null);
        if (account == null || !scope.mayManageWaves(auth)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Optional<SummaryBatch> running = store.active(waveId, account);
        if (running.isPresent()) {
            return running.get();
        }
        List<Long> ids = store.schoolsOf(waveId).stream().filter(id -> scope.canDownload(auth, id)).toList();
        if (ids.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(new FieldError("schools", FieldCode.NO_SCHOOLS.code(), List.of())));
        }
        UUID id = UUID.randomUUID();
        try {
            store.insert(id, waveId, account, locale.getLanguage(), ids);
        } catch (RuntimeException e) {
            // two requests at once: the unique index let one in; show that one
            Optional<SummaryBatch> other = store.active(waveId, account);
            if (other.isPresent()) {
                return other.get();
            }
            throw e;
        }
        audit.record(AuditLog.Action.SUMMARY_BATCH_STARTED, "wave " + waveId,
                "batch " + id + ": " + ids.size() + " schools, " + locale.getLanguage());
        worker.wake();
        return store.find(id).orElseThrow();
    }

    /** The batch if the user may see it (its owner, or a coordinator); 404 otherwise. */
    public SummaryBatch visible(Authentication auth, UUID id) {
        SummaryBatch b = store.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        if (!scope.isCoordinator(auth) && !StaffAuthentication.accountId(auth).map(a -> a == b.accountId()).orElse(false)) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return b;
    }

    /** Cancels a queued or running batch; a finished one stays as it is. */
    public SummaryBatch cancel(Authentication auth, UUID id) {
        visible(auth, id);
        boolean cancelled = store.cancel(id);
        SummaryBatch b = store.find(id).orElseThrow();
        if (cancelled) {
            // a coordinator may cancel someone else's batch: the owner is named
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
        return store.takeZip(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** Days a finished batch is kept, for the page to say. */
    int keepDays() {
        return worker.keepDays();
    }
}
