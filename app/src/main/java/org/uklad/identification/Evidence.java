package org.uklad.identification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.uklad.school.SchoolCategory;

/**
 * Why a school gets its proposed category: its places per subject and year, their sums and
 * percentiles in its group, its family context, the rule that matched, and how "beats its
 * context" comes out under each model. The page, the API and the PDF all print these.
 *
 * @param schoolId  the school
 * @param group     the group it is ranked in (its municipality, or "region")
 * @param standings per year looked at (oldest first): its standing, or null in a year without results
 * @param context   its family context, or null when the latest wave with a context has none for it
 * @param proposed  the proposed category (OTHER when no rule matched)
 * @param rule      the index of the rule in the rules file that matched, or -1
 * @param outcomes  year → its outcome for the context regression (mean z-score over the subjects)
 * @param models    the "beats its context" verdict per model
 */
@Serdeable
public record Evidence(long schoolId, String group, List<Standing> standings, @Nullable Context context,
                       SchoolCategory proposed, int rule, Map<Integer, Double> outcomes, List<Model> models) {

    /**
     * One year's standing.
     *
     * @param places     subject ("assessment · subject") → place, 1 = best
     * @param ranked     k subjects it was ranked on
     * @param listed     n subjects ranked in its group that year
     * @param sum        sum of places (mean place × n when k &lt; n)
     * @param percentile Hazen percentile of the sum in the group, low = good
     * @param groupSize  how many schools were ranked
     */
    @Serdeable
    public record Standing(int year, Map<String, Double> places, int ranked, int listed, double sum, double percentile,
                           int groupSize) {}

    /**
     * @param suppressed      fewer than k families: no figures
     * @param index           family context index 0–1
     * @param bottomThirdShare share of families in the bottom third
     * @param indexPercentile Hazen percentile of the index among the group's schools with a context, low = fewest resources
     */
    @Serdeable
    public record Context(boolean suppressed, @Nullable Double index, @Nullable Double bottomThirdShare,
                          @Nullable Double indexPercentile) {}

    /**
     * One model's verdict.
     *
     * @param key        mean-1y, mean-3y, share-1y or share-3y
     * @param beats      beats its context; null when the school has no fitted year in this model
     * @param yearsAbove the years it is clearly above
     * @param yearsFitted the years it has a residual
     */
    @Serdeable
    public record Model(String key, @Nullable Boolean beats, int yearsAbove, int yearsFitted) {}
}
