package org.uklad.overview;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.SchoolCategory;

/**
 * All schools of one wave side by side (see {@link WaveOverviewService} for every rule). Suppressed
 * figures carry no number at all, as in the indices API.
 *
 * @param waveId       the wave
 * @param waveName     its name
 * @param minGroupSize the anonymity threshold every figure obeys
 * @param columns      the constructs of the heat map, questionnaire by questionnaire
 * @param schools      one row per school of the wave, by municipality, then by mean score, lowest first
 * @param clusters     schools grouped by their construct profiles
 * @param context      external results against the family social context
 * @param pairs        every partnership, supported school beside its mentor
 */
@Serdeable
public record WaveOverview(long waveId, String waveName, int minGroupSize, List<Column> columns,
                           List<SchoolRow> schools, Clusters clusters, Context context, List<Pair> pairs) {

    /**
     * One construct as asked of one respondent group.
     *
     * @param key           {@code questionnaire.construct}, unique in the overview
     * @param questionnaire questionnaire key
     * @param respondent    who answered
     * @param construct     construct id
     * @param title         construct name
     * @param questionnaireTitle questionnaire name
     * @param domain        column of the problem matrix
     * @param indexKind     LEVEL or AGREEMENT (both have a 0–100 level)
     */
    @Serdeable
    public record Column(String key, String questionnaire, Respondent respondent, String construct, Text title,
                         Text questionnaireTitle, Domain domain, IndexKind indexKind) {}

    /** Whether a cell shows a number. */
    public enum Status {
        /** at least the threshold of respondents with a score */
        SHOWN,
        /** fewer respondents than the threshold: no number */
        SUPPRESSED,
        /** the questionnaire was not given at the school in this wave */
        NO_DATA
    }

    /** @param score100 the school's mean on 0–100; only when shown */
    @Serdeable
    public record Cell(Status status, @Nullable Double score100) {

        static final Cell SUPPRESSED = new Cell(Status.SUPPRESSED, null);
        static final Cell NO_DATA = new Cell(Status.NO_DATA, null);

        public boolean shown() {
            return status == Status.SHOWN;
        }
    }

    /**
     * @param cells      one per column, in column order
     * @param meanShown  the plain mean of its shown cells (the row order's key); absent when none is shown
     */
    @Serdeable
    public record SchoolRow(long schoolId, String name, String municipality, SchoolCategory category,
                            List<Cell> cells, @Nullable Double meanShown) {}

    /** Why a view has no numbers. */
    public enum Unavailable {
        /** fewer schools than the method needs */
        TOO_FEW_SCHOOLS,
        /** no construct is shown for enough schools (clusters), or no context items in the wave */
        NO_DATA,
        /** every school has the same context index: no line can be fitted */
        NO_CONTEXT_VARIATION,
        /** every placed school has the same profile: there are no groups to tell apart */
        NO_VARIATION
    }

    /**
     * @param available          false when {@code reason} says why there are no clusters
     * @param reason             why not, when not available
     * @param minimumSchools     the least number of schools clustered
     * @param seed               the fixed random seed (page, API and PDF agree; reruns repeat)
     * @param columns            keys of the columns used
     * @param k                  the number of clusters chosen by the mean silhouette width
     * @param meanSilhouette     mean silhouette width of the chosen clustering
     * @param meanSilhouetteByK  the same for every k tried
     * @param withinSumOfSquares total within-cluster sum of squares (standardized units)
     * @param clusters           the clusters, numbered from 1
     * @param leftOut            schools with too few shown constructs to place
     */
    @Serdeable
    public record Clusters(boolean available, @Nullable Unavailable reason, int minimumSchools, long seed,
                           List<String> columns, @Nullable Integer k, @Nullable Double meanSilhouette,
                           Map<String, Double> meanSilhouetteByK, @Nullable Double withinSumOfSquares,
                           List<Cluster> clusters, List<LeftOut> leftOut) {}

    /**
     * @param number  1-based
     * @param members its schools
     * @param profile per used column, the mean 0–100 score of the members that show it (null if none)
     * @param centre  per used column, the cluster centre in standardized units (0 = average school)
     */
    @Serdeable
    public record Cluster(int number, List<Member> members, List<Double> profile, List<Double> centre) {}

    /**
     * @param schoolId   the school
     * @param silhouette its silhouette width (near 1: clearly in its cluster; near 0 or below: between clusters)
     * @param filled     how many of its cells were suppressed or missing and filled with the column mean
     */
    @Serdeable
    public record Member(long schoolId, double silhouette, int filled) {}

    /** @param shown constructs shown for the school; @param needed the least needed to be placed */
    @Serdeable
    public record LeftOut(long schoolId, int shown, int needed) {}

    /**
     * @param available      false when {@code reason} says why there is no regression
     * @param reason         why not
     * @param minimumSchools the least number of schools with both figures
     * @param schoolsWithBoth schools with a shown context index and a result
     * @param bottomThirdBelow a family whose context index is below this (1/3) is in the bottom third
     * @param resultLabels   the distinct labels of the results used (one, normally)
     * @param intercept      β₀ of {@code result ~ context}
     * @param slope          β₁
     * @param rSquared       R²
     * @param sigma          residual standard error √(Σe²/(n−2))
     * @param lowBelow       results below this (the lower tertile) are low
     * @param highFrom       results from this (the upper tertile) are high: candidate partners
     * @param schools        every school with a context index or a result
     */
    @Serdeable
    public record Context(boolean available, @Nullable Unavailable reason, int minimumSchools, int schoolsWithBoth,
                          double bottomThirdBelow, List<String> resultLabels, @Nullable Double intercept, @Nullable Double slope,
                          @Nullable Double rSquared, @Nullable Double sigma, @Nullable Double lowBelow,
                          @Nullable Double highFrom, List<ContextSchool> schools) {}

    /**
     * @param contextSuppressed fewer counted families than the threshold
     * @param contextIndex      the school's family context index, 0 = fewest resources, 1 = most (absent
     *                          when suppressed or not asked)
     * @param bottomThirdShare  the share (0–1) of its counted families whose own index is below 1/3
     *                          (absent with the index)
     * @param result            the external result, if entered
     * @param resultLabel       what it is
     * @param predicted         the result predicted from the context (in the regression only)
     * @param resilience        result − predicted: above zero, better than schools in similar conditions
     * @param beatsContext      resilience at least one residual standard error
     * @param lowResult         result in the lower tertile
     * @param suggestedPartners for a low-result school: high-result schools of the nearest context, nearest first
     */
    @Serdeable
    public record ContextSchool(long schoolId, boolean contextSuppressed, @Nullable Double contextIndex,
                                @Nullable Double bottomThirdShare,
                                @Nullable Double result, @Nullable String resultLabel, @Nullable Double predicted,
                                @Nullable Double resilience, boolean beatsContext, boolean lowResult,
                                List<Long> suggestedPartners) {}

    /**
     * A partnership: per column the supported school's cell beside its mentor's.
     *
     * @param difference per column, supported − mentor when both are shown (else null)
     */
    @Serdeable
    public record Pair(long supportedSchoolId, long mentorSchoolId, List<Cell> supported, List<Cell> mentor,
                       List<Double> difference) {}
}
