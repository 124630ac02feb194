package org.uklad.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The status rule at its boundaries, and the standard set's due date. */
class PlanStatusTest {

    static final LocalDate DUE = LocalDate.of(2027, 8, 31);

    @Test
    void reachedAtThePlanNotYetUntilTheDateOverdueTheDayAfter() {
        assertThat(Plan.Status.of(6.0, 6, DUE, DUE)).isEqualTo(Plan.Status.REACHED);
        assertThat(Plan.Status.of(6.0, 6, DUE, DUE.plusYears(1))).as("reached stays reached").isEqualTo(Plan.Status.REACHED);
        assertThat(Plan.Status.of(5.99, 6, DUE, DUE)).isEqualTo(Plan.Status.NOT_YET);
        assertThat(Plan.Status.of(5.99, 6, DUE, DUE.plusDays(1))).isEqualTo(Plan.Status.OVERDUE);
        assertThat(Plan.Status.of(null, 0, DUE, DUE)).as("no fact is not a zero").isEqualTo(Plan.Status.NOT_YET);
        assertThat(Plan.Status.of(0.0, 0, DUE, DUE.plusDays(1))).isEqualTo(Plan.Status.REACHED);
        assertThat(Plan.Status.of(null, 1, DUE, DUE.plusDays(1))).isEqualTo(Plan.Status.OVERDUE);
    }

    @Test
    void theStandardSetIsDueAtTheEndOfTheSchoolYear() {
        assertThat(StandardSet.due(LocalDate.of(2026, 12, 3))).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(StandardSet.due(LocalDate.of(2027, 8, 31))).isEqualTo(LocalDate.of(2027, 8, 31));
        assertThat(StandardSet.due(LocalDate.of(2027, 9, 1))).isEqualTo(LocalDate.of(2028, 8, 31));
        assertThat(StandardSet.ROWS).extracting(StandardSet.Row::row).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }
}
