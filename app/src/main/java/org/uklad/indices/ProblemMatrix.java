package org.uklad.indices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.Respondent;

/**
 * The problem matrix of a school in a wave (seed 003): the domains management, teaching and school
 * culture, each with its constructs as the school's respondent groups rate them, each marked by
 * the rule of {@link Comparisons#matrix}.
 *
 * @param waveId        the wave
 * @param schoolId      the school
 * @param minGroupSize  the threshold in force
 * @param withPartner   whether the school has a partner to be compared with
 * @param domains       the three columns, in the order management, teaching, culture
 */
@Serdeable
public record ProblemMatrix(long waveId, long schoolId, int minGroupSize, boolean withPartner,
                            @JsonInclude(JsonInclude.Include.ALWAYS) List<Column> domains) {

    public ProblemMatrix {
        domains = List.copyOf(domains);
    }

    /** How a construct stands. */
    public enum Mark {
        /** clearly above a reference and clearly below none */
        STRENGTH,
        /** no clear difference from either reference, or not comparable */
        TYPICAL,
        /** clearly below the partner school or the wave's median school */
        PROBLEM,
        /** the school's group is below the threshold: no mark at all */
        TOO_FEW_ANSWERS
    }

    /** One domain and its constructs. */
    @Serdeable
    public record Column(Domain domain, @JsonInclude(JsonInclude.Include.ALWAYS) List<Cell> cells) {
        public Column {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One construct of one respondent group.
     *
     * @param versusPartner the verdict against the partner school (absent without a partner)
     * @param versusMedian  the verdict against the median of the shown schools' scores of the
     *                      wave (absent when fewer than {@link Comparisons#MIN_SCHOOLS_FOR_MEDIAN}
     *                      schools are shown); the median itself is not given out, since with few
     *                      schools it would be another school's own score
     * @param hedgesG       Hedges' g against the partner (absent when not comparable)
     */
    @Serdeable
    public record Cell(long versionId, Respondent respondent, String construct, Text title, Mark mark,
                       @Nullable Verdict versusPartner, @Nullable Verdict versusMedian,
                       @Nullable Double hedgesG) {}
}
