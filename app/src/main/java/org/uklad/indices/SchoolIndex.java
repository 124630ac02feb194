package org.uklad.indices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One construct in one school (or, with {@code schoolId} absent, all schools pooled).
 *
 * <p>A suppressed entry carries {@code schoolId} and {@code suppressed: true} and nothing else, not
 * even its size. Otherwise: for LEVEL and AGREEMENT constructs the descriptives of person scores
 * (mean of the keyed items answered), for GAP constructs {@link #gap}. Values that are undefined
 * (e.g. alpha when an item has no variance) are absent rather than NaN, which JSON cannot carry.
 *
 * @param schoolId          the school; absent for the pooled entry
 * @param suppressed        true when fewer respondents than the threshold stand behind the figure
 * @param respondents       responses to the questionnaire, including those without a score
 * @param n                 respondents with a score (LEVEL/AGREEMENT) or with a gap (GAP)
 * @param mean              mean person score on the scale's points
 * @param sd                sample standard deviation of person scores
 * @param ciLower           lower bound of the 95% t interval of the mean
 * @param ciUpper           upper bound of the 95% t interval of the mean
 * @param median            median person score
 * @param score100          the same on 0–100 (POMP), to compare scales with different points
 * @param percentFavourable % of answers (keyed) in the scale's favourable points, over every answer
 *                          to the construct's items, also from respondents without a score
 * @param alpha             Cronbach's alpha over complete cases (absent below the threshold)
 * @param reliability       what alpha rests on: the complete cases, raw and standardised alpha
 *                          ({@code psych::alpha}'s {@code raw_alpha}, {@code std.alpha}); absent with alpha
 * @param rwgJ              rWG(J), uniform null, over complete cases (absent below the threshold)
 * @param adMean            AD(M)(J), average deviation from item means
 * @param adMedian          AD(Md)(J), average deviation from item medians
 * @param items             per item, keyed
 * @param gap               for a GAP construct: ideal − now
 */
@Serdeable
public record SchoolIndex(
        @Nullable Long schoolId,
        boolean suppressed,
        @Nullable Long respondents,
        @Nullable Long n,
        @Nullable Double mean,
        @Nullable Double sd,
        @Nullable Double ciLower,
        @Nullable Double ciUpper,
        @Nullable Double median,
        @Nullable Score100 score100,
        @Nullable Double percentFavourable,
        @Nullable Double alpha,
        @Nullable Reliability reliability,
        @Nullable Double rwgJ,
        @Nullable Double adMean,
        @Nullable Double adMedian,
        @Nullable List<ItemIndex> items,
        @Nullable GapIndex gap) {

    /** The entry of a school (or pooled group, {@code schoolId} null) below the threshold. */
    static SchoolIndex suppressed(@Nullable Long schoolId) {
        return new SchoolIndex(schoolId, true, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** JSON has no NaN or infinity: an undefined statistic is left out. */
    static @Nullable Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /**
     * The basis of alpha: Cronbach's alpha is computed over the respondents who answered every
     * item of the construct (complete cases), so a reader can tell what it rests on.
     *
     * @param completeCases     respondents who answered every item
     * @param alpha             raw alpha ({@code psych::alpha(x)$total$raw_alpha})
     * @param standardizedAlpha alpha of the standardised items ({@code $total$std.alpha})
     */
    @Serdeable
    public record Reliability(long completeCases, @Nullable Double alpha, @Nullable Double standardizedAlpha) {}

    /** @param mean mean on 0–100; @param ciLower lower 95% bound; @param ciUpper upper 95% bound */
    @Serdeable
    public record Score100(@Nullable Double mean, @Nullable Double ciLower, @Nullable Double ciUpper) {}

    /**
     * One item in a group, keyed (reverse items recoded), over every answer to it: a respondent
     * who answered too few of the construct's items for a score still counts here (as R's
     * {@code colMeans(x, na.rm = TRUE)}, SPSS and Excel count). Suppressed when fewer than the
     * threshold answered it, even where the construct is shown. {@code correctedItemTotal} (the
     * item's correlation with the sum of the others, {@code psych::alpha(x)$item.stats$r.drop})
     * and {@code alphaIfDeleted} ({@code $alpha.drop$raw_alpha}) are over complete cases and shown
     * with alpha.
     */
    @Serdeable
    public record ItemIndex(String item, boolean suppressed, @Nullable Long n, @Nullable Double mean,
                            @Nullable Double sd, @Nullable Double percentFavourable,
                            @Nullable Double correctedItemTotal, @Nullable Double alphaIfDeleted) {

        static ItemIndex suppressed(String item) {
            return new ItemIndex(item, true, null, null, null, null, null, null);
        }
    }

    /**
     * Real vs ideal, as the codebook defines it: per respondent the mean over pairs answered on both
     * sides of {@code ideal − now} (so larger = further from the school's own ideal), then its mean
     * over respondents with a paired t interval and tests.
     *
     * @param mean      mean gap, ideal − now
     * @param sd        SD of respondents' gaps
     * @param ciLower   lower bound of the 95% paired t interval
     * @param ciUpper   upper bound
     * @param tP        two-sided p of the paired t-test
     * @param wilcoxonP two-sided p of the Wilcoxon signed-rank test (normal approximation)
     * @param nowMean   mean "as now" score of the same respondents over the same pairs
     * @param idealMean mean "ideal" score of the same respondents over the same pairs
     * @param pairs     the gap per pair (each suppressed below the threshold)
     */
    @Serdeable
    public record GapIndex(@Nullable Double mean, @Nullable Double sd, @Nullable Double ciLower,
                           @Nullable Double ciUpper, @Nullable Double tP, @Nullable Double wilcoxonP,
                           @Nullable Double nowMean, @Nullable Double idealMean, List<PairGap> pairs) {}

    /** The gap ideal − now of one pair over respondents who answered both its items. */
    @Serdeable
    public record PairGap(String pair, boolean suppressed, @Nullable Long n, @Nullable Double mean,
                          @Nullable Double ciLower, @Nullable Double ciUpper, @Nullable Double tP) {

        static PairGap suppressed(String pair) {
            return new PairGap(pair, true, null, null, null, null, null);
        }
    }
}
