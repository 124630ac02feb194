package org.uklad.report;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.security.authentication.Authentication;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.account.SchoolScope;
import org.uklad.indices.IndicesService;
import org.uklad.indices.WaveSnapshots;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * This replica's maker of summary batches ({@link SummaryBatches}): one worker thread that claims
 * queued jobs from {@link SummaryBatchStore} and makes their ZIP, and a 15-second tick that queues
 * again what a dead replica left running, deletes expired jobs and looks for work.
 *
 * <p>One thread, so a batch never takes more than one core from respondents and other staff (200
 * summaries took 3.2 s this way against 2.3 s on two threads, BENCHMARKS.md). The heartbeat moves
 * with every school; a RUNNING job whose heartbeat stopped for {@value #STALE_SECONDS} s is queued
 * again and starts over. A school whose summary fails is recorded and named, the others still
 * come; when every school fails the job fails without a ZIP. A cancel is noticed before the next
 * school, and then nothing is stored.
 *
 * <p>{@code uklad.summary-batches.worker=false} keeps the thread idle (a replica that only serves
 * pages, or a test that decides when the worker runs).
 */
@Singleton
class SummaryBatchWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SummaryBatchWorker.class);
    static final int STALE_SECONDS = 120;

    private final SummaryBatchStore store;
    private final SchoolSummaryService summaries;
    private final IndicesService indices;
    private final Waves waves;
    private final Schools schools;
    private final SchoolScope scope;
    private final boolean worker;
    private final int keepDays;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "summary-batches");
        t.setDaemon(true);
        return t;
    });

    SummaryBatchWorker(SummaryBatchStore store, SchoolSummaryService summaries, IndicesService indices, Waves waves,
                       Schools schools, SchoolScope scope, @Value("${uklad.summary-batches.worker:true}") boolean worker,
                       @Value("${uklad.summary-batches.keep-days:7}") int keepDays) {
        this.store = store;
        this.scope = scope;
        this.summaries = summaries;
        this.indices = indices;
        this.waves = waves;
        this.schools = schools;
        this.worker = worker;
        this.keepDays = Math.max(1, keepDays);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Days a finished job is kept ({@code uklad.summary-batches.keep-days}, at least 1). */
    int keepDays() {
        return keepDays;
    }

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

    /** A RUNNING job whose heartbeat stopped belongs to a replica that died: queue it again. */
    int requeueStale() {
        return store.requeueStale(STALE_SECONDS);
    }

    /** Deletes finished jobs (with any ZIP never downloaded) older than the keeping time. */
    int deleteExpired() {
        return store.deleteExpired(keepDays);
    }

    /** Runs queued jobs one after another until none is left. */
    void drain() {
        while (true) {
            Optional<SummaryBatchStore.Job> job;
            try {
                job = store.claim();
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

    /** Makes the job's ZIP; stops without storing anything as soon as the job is no longer RUNNING. */
    void run(SummaryBatchStore.Job job) {
        try {
            Wave wave = waves.find(job.waveId()).orElseThrow(() -> new IllegalStateException("wave gone"));
            // one snapshot of each wave for the whole batch: every PDF of the ZIP shows the same state
            WaveSnapshots taken = new WaveSnapshots(indices);
            taken.of(job.waveId());
            // each PDF shows the partner as the batch's owner sees it on the dashboard (a coordinator: always)
            Optional<Authentication> owner = scope.asAccount(job.accountId());
            SummaryZip zip = new SummaryZip();
            List<Long> failed = new ArrayList<>();
            int done = 0;
            for (long schoolId : job.schoolIds()) {
                if (!store.progress(job.id(), done, failed)) {
                    return;   // cancelled (or deleted): nothing is stored
                }
                String schoolName = schools.find(schoolId).map(School::name).orElse("#" + schoolId);
                try {
                    boolean withPartner = owner.map(o -> scope.mayReadPartner(o, schoolId)).orElse(false);
                    byte[] pdf = summaries.render(taken, wave, schoolId, job.locale(), withPartner);
                    zip.add(SchoolSummaryService.fileName(job.waveId(), schoolId, job.locale()), schoolName, pdf);
                } catch (RuntimeException e) {
                    // one school's failure does not sink the batch, and it is not silent either
                    LOG.warn("Summary of school {} in wave {} failed: {}", schoolId, job.waveId(),
                            e.getClass().getSimpleName(), e);
                    failed.add(schoolId);
                    zip.failed(schoolName);
                }
                done++;
            }
            byte[] bytes = zip.finish();
            store.finish(job.id(), done, failed, failed.size() == job.schoolIds().size() ? null : bytes);
        } catch (IOException e) {
            fail(job, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            fail(job, e);
        }
    }

    private void fail(SummaryBatchStore.Job job, RuntimeException e) {
        LOG.warn("Summary batch {} failed: {}", job.id(), e.getClass().getSimpleName(), e);
        try {
            store.fail(job.id());
        } catch (RuntimeException again) {
            LOG.warn("Could not mark summary batch {} failed: {}", job.id(), again.getClass().getSimpleName());
        }
    }
}
