package org.uklad.context;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A school's result in one assessment, subject and year, as a regional monitoring centre publishes
 * it.
 *
 * @param schoolId       the school
 * @param year           the year of the results (for results moved from the one-number entry, the
 *                       school year the wave began in)
 * @param assessment     ЕГЭ, ОГЭ, ВПР, a regional test, or ИНОЕ for a one-number result
 * @param subject        the subject, in lower case as imported ("математика")
 * @param meanScore      the mean score, 0–100000 (a mark, a primary or a test score)
 * @param participants   how many took it; 0 when not known
 * @param belowPassShare the share (0–1) below the pass mark, null when not given
 * @param updatedAt      when it was last saved
 */
@Serdeable
public record ExternalScore(long schoolId, int year, String assessment, String subject, double meanScore,
                            int participants, @Nullable Double belowPassShare, Instant updatedAt) {

    /** What identifies a score: one row per school × year × assessment × subject. */
    @Serdeable
    public record Key(long schoolId, int year, String assessment, String subject) {}

    public Key key() {
        return new Key(schoolId, year, assessment, subject);
    }
}
