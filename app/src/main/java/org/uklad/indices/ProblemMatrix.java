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
 * the rule of {@link Comparisons#matrix} and listed in order of priority (problems first, the
 * largest gap first). A reader is shown the first {@link #TOP} problems and strengths of each domain
 * ({@link Column#top()}); the rest is folded ({@link Column#rest()}).
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

    /** How many problems and strengths of a domain are shown unfolded: what a reader can act on. */
    public static final int TOP = 3;

    public ProblemMatrix {
        domains = List.copyOf(domains);
    }

    /** Compared cells ({@link #marked}) that have no verdict against the wave's median school. */
    public long withoutMedian() {
        return domains.stream().flatMap(d -> d.cells().stream())
                .filter(c -> compared(c) && c.versusMedian() == null).count();
    }

    /** Cells whose mark comes from comparisons (not "too few answers", not an unreliable scale). */
    public long marked() {
        return domains.stream().flatMap(d -> d.cells().stream()).filter(ProblemMatrix::compared).count();
    }

    /** Cells marked as an unreliable scale. */
    public long unreliable() {
        return domains.stream().flatMap(d -> d.cells().stream()).filter(c -> c.mark() == Mark.UNRELIABLE).count();
    }

    private static boolean compared(Cell c) {
        return c.mark() != Mark.TOO_FEW_ANSWERS && c.mark() != Mark.UNRELIABLE;
    }

    /** How a construct stands. */
    public enum Mark {
        /** clearly above a reference and clearly below none */
        STRENGTH,
        /** no clear difference from either reference, or not comparable */
        TYPICAL,
        /** clearly below the partner school or the wave's median school */
        PROBLEM,
        /** the school's scale is not trusted ({@link ScaleTrust}): never a problem or a strength */
        UNRELIABLE,
        /** the school's group is below the threshold: no mark at all */
        TOO_FEW_ANSWERS
    }

    /** One domain and its constructs, in order of priority. */
    @Serdeable
    public record Column(Domain domain, @JsonInclude(JsonInclude.Include.ALWAYS) List<Cell> cells) {
        public Column {
            cells = List.copyOf(cells);
        }

        /** The first {@link #TOP} problems and strengths: what the domain shows unfolded. */
        public List<Cell> top() {
            return cells.stream().filter(c -> c.mark() == Mark.PROBLEM || c.mark() == Mark.STRENGTH).limit(TOP).toList();
        }

        /** Everything else, in the same order: folded. */
        public List<Cell> rest() {
            List<Cell> top = top();
            return cells.stream().filter(c -> !top.contains(c)).toList();
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
     * @param alpha         the school's Cronbach's alpha (absent when withheld or undefined, or
     *                      below the threshold), which makes an {@link Mark#UNRELIABLE} mark
     */
    @Serdeable
    public record Cell(long versionId, Respondent respondent, String construct, Text title, Mark mark,
                       @Nullable Verdict versusPartner, @Nullable Verdict versusMedian,
                       @Nullable Double hedgesG, @Nullable Double alpha) {}
}
