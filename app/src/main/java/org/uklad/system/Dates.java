package org.uklad.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The years every date the service accepts lies in. Java reads "-5000-01-01" or a year of a
 * billion as a date, which the database cannot store (a 500) or stores as an absurd wave or
 * response day; a date outside these years is a typing mistake and gets a field error instead.
 */
public final class Dates {

    public static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private Dates() {
    }

    /**
     * Adds a {@code range} error for {@code field} unless the day lies within {@code from} and
     * {@code to} (inclusive) and within the service's years.
     *
     * @return whether the day is accepted
     */
    public static boolean check(String field, LocalDate day, LocalDate from, LocalDate to, List<FieldError> errors) {
        LocalDate first = from.isAfter(EARLIEST) ? from : EARLIEST;
        LocalDate last = to.isBefore(LATEST) ? to : LATEST;
        if (day.isBefore(first) || day.isAfter(last)) {
            errors.add(FieldError.of(field, FieldCode.RANGE, first.toString(), last.toString()));
            return false;
        }
        return true;
    }

    /** The same for a moment, in any of the service's years (UTC days). */
    public static boolean check(String field, Instant moment, List<FieldError> errors) {
        if (moment.isBefore(EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant())
                || !moment.isBefore(LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            errors.add(FieldError.of(field, FieldCode.RANGE, EARLIEST.toString(), LATEST.toString()));
            return false;
        }
        return true;
    }
}
