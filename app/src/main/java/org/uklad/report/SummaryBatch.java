package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A batch of a wave's school summaries as its page and status JSON show it (a row of
 * {@code summary_batch}, without the ZIP itself).
 *
 * @param schoolIds     the schools asked for, in the order they are made
 * @param failedSchools the schools whose summary could not be made so far
 * @param hasZip        whether the finished ZIP is stored (DONE and not yet downloaded)
 */
public record SummaryBatch(UUID id, long waveId, long accountId, String lang, List<Long> schoolIds, State state,
                           int done, List<Long> failedSchools, boolean hasZip, Instant createdAt,
                           @Nullable Instant finishedAt) {

    /** What a job is doing. */
    public enum State {
        QUEUED, RUNNING, DONE, FAILED, CANCELLED, DOWNLOADED;

        public boolean finished() {
            return this != QUEUED && this != RUNNING;
        }
    }

    public int total() {
        return schoolIds.size();
    }

    /** Whole percent of schools made (0 for an empty batch). */
    public int percent() {
        return total() == 0 ? 100 : (int) Math.floor(100.0 * done / total());
    }
}
