package org.uklad.response;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.ZoneId;

/**
 * @param timeZone the zone whose calendar day is stored with each response (default Europe/Moscow);
 *                 responses keep the day only, never the time
 */
@ConfigurationProperties("uklad.responses")
record SubmissionConfiguration(@Nullable String timeZone) {

    ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? ZoneId.of("Europe/Moscow") : ZoneId.of(timeZone);
    }
}
