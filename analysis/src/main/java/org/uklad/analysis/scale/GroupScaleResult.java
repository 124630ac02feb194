package org.uklad.analysis.scale;

import java.util.List;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.reliability.AlphaResult;

/**
 * Everything about one scale in one group (a school, or all schools pooled).
 *
 * @param group the group key
 * @param respondents rows seen for the group, including persons without a score
 * @param score descriptives of person scores on the original scale
 * @param score100 the same on 0–100 ({@code 100 · (s − min)/(max − min)})
 * @param distribution the exact frequency table of person scores
 * @param categoryShares share of all answers (every respondent's, recoded) in each category
 *     {@code min..max}: the distribution over categories
 * @param percentFavourable percentage (0–100) of all answers in the favourable categories
 * @param items per-item summaries (suppressed when an item has fewer answers than allowed)
 * @param reliability Cronbach's alpha on complete cases (suppressed below the minimum size)
 * @param agreement rWG(J) and AD on complete cases (suppressed below the minimum size)
 */
public record GroupScaleResult(
        String group,
        long respondents,
        Descriptives score,
        Descriptives score100,
        ScoreDistribution distribution,
        double[] categoryShares,
        double percentFavourable,
        List<Suppressible<ItemSummary>> items,
        Suppressible<AlphaResult> reliability,
        Suppressible<AgreementResult> agreement) {

    public GroupScaleResult {
        categoryShares = categoryShares.clone();
        items = List.copyOf(items);
    }

    @Override
    public double[] categoryShares() {
        return categoryShares.clone();
    }

    /** @return number of persons with a scale score */
    public long n() {
        return score.n();
    }
}
