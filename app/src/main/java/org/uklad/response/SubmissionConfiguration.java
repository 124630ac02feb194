package org.uklad.response;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.ZoneId;

/**
 * @param timeZone   the zone whose calendar day is stored with each response (default Europe/Moscow);
 *                   responses keep the day only, never the time
 * @param concurrent how many submissions may use the database at once, the rest wait their turn in
 *                   arrival order (default 8, measured best on 2 cores; keep it below the connection pool's size)
 */
@ConfigurationProperties("uklad.responses")
record SubmissionConfiguration(@Nullable String timeZone, @Nullable Integer concurrent) {

    int concurrentSubmissions() {
        if (concurrent != null && concurrent < 1) {
            throw new IllegalStateException("uklad.responses.concurrent must be at least 1, not " + concurrent);
        }
        return concurrent == null ? 8 : concurrent;
    }

    ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? ZoneId.of("Europe/Moscow") : ZoneId.of(timeZone);
    }
}
