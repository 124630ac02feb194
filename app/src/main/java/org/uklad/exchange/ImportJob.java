package org.uklad.exchange;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.uklad.system.FieldError;

/**
 * A streamed import as its page and status JSON show it (a row of {@code import_job}): how far
 * the checking and storing have got, and how it ended.
 *
 * @param rowsTotal  the file's rows, known once every row is checked
 * @param errorCount all problems found; {@code errors} holds the first of them
 */
record ImportJob(UUID id, long waveId, long schoolId, long versionId, State state, long bytesTotal, long bytesRead,
                 int rowsRead, @Nullable Integer rowsTotal, int rowsStored, @Nullable Integer stored,
                 @Nullable Integer alreadyPresent, int errorCount, List<FieldError> errors, Instant heartbeatAt) {

    /** A running job whose replica has not written for this long has died with it (and stored nothing). */
    static final Duration STALE = Duration.ofMinutes(2);

    /** What a job is doing. */
    enum State {
        QUEUED, CHECKING, STORING, DONE, REFUSED, FAILED;

        boolean finished() {
            return this == DONE || this == REFUSED || this == FAILED;
        }
    }

    /** The state to show: a running job whose heartbeat stopped failed (its transaction never committed). */
    State shownState(Instant now) {
        return !state.finished() && heartbeatAt.plus(STALE).isBefore(now) ? State.FAILED : state;
    }

    /**
     * Whole percent done: checking is the first half (by bytes read), storing the second (by
     * rows stored), so the bar moves through a file of any length.
     */
    int percent() {
        return switch (state) {
            case QUEUED -> 0;
            case CHECKING -> bytesTotal == 0 ? 0 : (int) Math.min(50, 50 * bytesRead / bytesTotal);
            case STORING -> rowsTotal == null || rowsTotal == 0 ? 50 : 50 + (int) Math.min(50, 50L * rowsStored / rowsTotal);
            case DONE, REFUSED, FAILED -> 100;
        };
    }
}
