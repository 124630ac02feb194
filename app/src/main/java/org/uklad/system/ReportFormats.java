package org.uklad.system;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The {@link ReportFormat} of a language in the configured zone: every date and time staff see
 * (pages, PDFs, the audit log) is written in {@code uklad.responses.time-zone} (default
 * Europe/Moscow), the zone the schools work in, never in the server's zone or UTC.
 */
@Singleton
public class ReportFormats {

    private final ZoneId zone;

    public ReportFormats(@Value("${uklad.responses.time-zone:Europe/Moscow}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** Numbers and dates in {@code locale}'s way, dates in the configured zone. */
    public ReportFormat of(Locale locale) {
        return new ReportFormat(locale, zone);
    }

    /** The configured zone, for pages that parse or format dates themselves. */
    public ZoneId zone() {
        return zone;
    }
}
