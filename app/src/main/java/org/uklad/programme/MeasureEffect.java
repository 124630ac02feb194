package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The measured effect of one measure of a support programme on its indicator: one {@link Step} per
 * later wave (a construct) or later year (an external result) against the baseline. Numbers are
 * on the indicator's scale: 0–100 person scores for a construct, the assessment's mean score for an
 * external result.
 *
 * @param measureId      the measure
 * @param measure        what is done
 * @param status         PLANNED, IN_PROGRESS, DONE or DROPPED
 * @param indicatorKind  CONSTRUCT or EXTERNAL
 * @param indicator      the indicator's name in Russian and English
 * @param baseline       the baseline wave's name (a construct) or year (an external result); null when unknown
 * @param steps          the later waves or years, oldest first; empty when none has the indicator yet
 */
@Serdeable
public record MeasureEffect(long measureId, String measure, String status, String indicatorKind, Label indicator,
                            @Nullable String baseline, List<Step> steps) {

    public MeasureEffect {
        steps = List.copyOf(steps);
    }

    /** A name in both languages. */
    @Serdeable
    public record Label(String ru, String en) {}

    /**
     * The change from the baseline to one later wave or year.
     *
     * @param waveId            the later wave (constructs), else null
     * @param year              the later year (external results), else null
     * @param period            the later wave's name or the year
     * @param comparison        SAME_CATEGORY (schools of the school's category without a measure on this
     *                          indicator) or ALL_OTHER_SCHOOLS (fewer than 2 such schools had the indicator
     *                          in both waves); null when too few answers
     * @param comparisonSchools how many schools the comparison pools; null when too few answers
     * @param verdict           CLEAR_IMPROVEMENT, NO_CLEAR_CHANGE, CLEAR_DECLINE, TOO_FEW_ANSWERS, or
     *                          NOT_JUDGED (an external result: one number per school, no interval)
     * @param school            the school's change; null when too few answers
     * @param reference         the comparison schools' change; null when too few answers
     * @param difference        the difference of the two changes; null when too few answers
     * @param ciLower           lower end of its 95% Welch interval (constructs only)
     * @param ciUpper           upper end of its 95% Welch interval (constructs only)
     * @param p                 two-sided p of "no difference" (constructs only)
     * @param effect            the standardized difference d (constructs only)
     */
    @Serdeable
    public record Step(@Nullable Long waveId, @Nullable Integer year, String period, @Nullable String comparison,
                       @Nullable Integer comparisonSchools, String verdict, @Nullable Change school,
                       @Nullable Change reference, @Nullable Double difference, @Nullable Double ciLower,
                       @Nullable Double ciUpper, @Nullable Double p, @Nullable Double effect) {

        /** True when both waves passed the minimum group size and the change was judged. */
        public boolean measured() {
            return difference != null;
        }
    }

    /**
     * One group's change (later − baseline).
     *
     * @param nBaseline respondents (constructs) or participants (external) at the baseline
     * @param nLater    the same at the later wave or year
     * @param baseline  the mean at the baseline
     * @param later     the mean at the later wave or year
     * @param change    later − baseline
     * @param ciLower   lower end of the 95% Welch interval (constructs only)
     * @param ciUpper   upper end of the 95% Welch interval (constructs only)
     */
    @Serdeable
    public record Change(long nBaseline, long nLater, double baseline, double later, double change,
                         @Nullable Double ciLower, @Nullable Double ciUpper) {}
}
