package org.uklad.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/** The programme's indicators with plan and fact, as the service hands them out (page, PDF, API). */
public final class Plan {

    private Plan() {
    }

    /** What a plan value counts. */
    public enum Unit { COUNT, PERCENT, SHARE_OF_SCHOOLS }

    /** Where the plan applies: the region as a whole, each municipality, each identified school. */
    public enum Level { REGION, MUNICIPALITY, SCHOOL }

    /**
     * Reached when the fact is at least the plan; overdue when the due date has passed (the day
     * after it) without that; not yet otherwise, a missing fact included.
     */
    public enum Status {
        REACHED("✓"), NOT_YET("○"), OVERDUE("✗");

        private final String symbol;

        Status(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The rule, in one place: every indicator is "at least" its plan value. */
        static Status of(@Nullable Double fact, double plan, LocalDate due, LocalDate today) {
            if (fact != null && fact >= plan) {
                return REACHED;
            }
            return today.isAfter(due) ? OVERDUE : NOT_YET;
        }
    }

    /** An indicator as defined; {@code source} a {@link Metric} name or {@link Metric#ENTERED}. */
    @Serdeable
    public record Indicator(long id, String name, Unit unit, Level level, String source, double planValue,
                            LocalDate dueOn, String note, @Nullable Integer standardRow) {

        public boolean entered() {
            return Metric.ENTERED.equals(source);
        }
    }

    /** One entered fact: the value as of a date, for the region or a municipality or a school. */
    @Serdeable
    public record Fact(long id, long indicatorId, @Nullable String municipality, @Nullable Long schoolId, double value,
                       LocalDate notedOn, String note) {}

    /**
     * A fact as found: its value ({@code null}: none), for a
     * share the counted and all ({@code part} of {@code whole}), and what is behind it: the schools,
     * pairs, waves or programmes counted, or for an entered fact the place's entries, newest first.
     */
    @Serdeable
    public record Figure(@Nullable Double value, @Nullable Integer part, @Nullable Integer whole,
                         List<String> behind, List<Fact> entries) {

        static Figure none() {
            return new Figure(null, null, null, List.of(), List.of());
        }

        static Figure count(List<String> behind) {
            return new Figure((double) behind.size(), null, null, List.copyOf(behind), List.of());
        }

        static Figure share(int part, int whole, List<String> behind) {
            return new Figure(whole == 0 ? null : 100.0 * part / whole, part, whole, List.copyOf(behind), List.of());
        }
    }

    /** One municipality's or school's fact and status, where the indicator's level asks for them. */
    @Serdeable
    public record Part(String place, @Nullable String municipality, @Nullable Long schoolId, Figure fact, Status status) {}

    /**
     * One indicator with its fact and status. For a region the fact is the region's; for a
     * municipality or school level it is how many places reached the plan (of all), and the
     * indicator is reached when every place is.
     */
    @Serdeable
    public record Line(Indicator indicator, Figure fact, Status status, List<Part> parts) {}

    /** Every indicator, as of {@code today}. */
    @Serdeable
    public record Table(LocalDate today, List<Line> lines) {}
}
