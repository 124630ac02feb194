package org.uklad.indices;

import static org.uklad.indices.SchoolIndex.number;

import java.util.ArrayList;
import java.util.List;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.compare.GapAccumulator;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.compare.RealIdealGap;
import org.uklad.analysis.reliability.AlphaResult;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ItemSummary;

/**
 * How a group's finished figures become its entry in the indices ({@link SchoolIndex}), for a
 * school or all schools pooled, and what a shown entry contributes to the shown schools' totals
 * the pooled figure is checked against ({@link VersionScan}).
 */
final class SchoolEntries {

    private SchoolEntries() {}

    /** The group's person scores rescaled to 0–100, the scale comparisons are reported on. */
    static ScoreDistribution on100(GroupScaleResult r, VersionPlan.ScaleConstruct sc) {
        double[] values = r.distribution().values();
        for (int i = 0; i < values.length; i++) {
            values[i] = sc.definition().rescale(values[i]);
        }
        return ScoreDistribution.of(values, r.distribution().counts());
    }

    /**
     * A school's (or, {@code schoolId} null, the pooled) entry of a LEVEL/AGREEMENT construct;
     * {@code itemPoolable} (pooled only) withholds the items the suppressed schools could be worked out from.
     */
    static SchoolIndex level(Long schoolId, GroupScaleResult r, VersionPlan.ScaleConstruct sc,
                              boolean[] itemPoolable) {
        Descriptives s = r.score();
        Descriptives s100 = r.score100();
        AlphaResult alpha = r.reliability().orElse(null);
        double[] itemTotal = alpha == null ? null : alpha.correctedItemTotal();
        double[] ifDeleted = alpha == null ? null : alpha.alphaIfDeleted();
        List<SchoolIndex.ItemIndex> items = new ArrayList<>();
        for (int j = 0; j < sc.items().size(); j++) {
            String id = sc.items().get(j).id();
            if (r.items().get(j) instanceof Suppressible.Shown<ItemSummary>(ItemSummary it)
                    && (itemPoolable == null || itemPoolable[j])) {
                items.add(new SchoolIndex.ItemIndex(id, false, it.n(), number(it.mean()), number(it.sd()),
                        sc.favourableKnown() ? number(it.percentFavourable()) : null,
                        itemTotal == null ? null : number(itemTotal[j]), ifDeleted == null ? null : number(ifDeleted[j])));
            } else {
                items.add(SchoolIndex.ItemIndex.suppressed(id));
            }
        }
        AgreementResult agreement = r.agreement().orElse(null);
        return new SchoolIndex(schoolId, false, r.respondents(), s.n(), number(s.mean()), number(s.sd()),
                number(s.ciLower()), number(s.ciUpper()), number(s.median()),
                new SchoolIndex.Score100(number(s100.mean()), number(s100.ciLower()), number(s100.ciUpper())),
                sc.favourableKnown() ? number(r.percentFavourable()) : null,
                alpha == null ? null : number(alpha.alpha()),
                alpha == null ? null : new SchoolIndex.Reliability(alpha.n(), number(alpha.alpha()), number(alpha.standardizedAlpha())),
                agreement == null ? null : number(agreement.rwgJ()),
                agreement == null ? null : number(agreement.adMean()),
                agreement == null ? null : number(agreement.adMedian()),
                items, null);
    }

    /** A school's (or the pooled) entry of a GAP construct; {@code pairPoolable} as {@code itemPoolable} of {@link #level}. */
    static SchoolIndex gap(Long schoolId, VersionPlan.GapConstruct gc, GapAccumulator.GapResult r,
                           boolean[] pairPoolable) {
        RealIdealGap.GapReport gap = r.gap();
        PairedResult p = gap.scale().orElseThrow();
        List<SchoolIndex.PairGap> pairs = new ArrayList<>();
        for (int j = 0; j < gc.pairs().size(); j++) {
            String pair = gc.pairs().get(j);
            if (gap.items().get(j) instanceof Suppressible.Shown<PairedResult>(PairedResult pr)
                    && (pairPoolable == null || pairPoolable[j])) {
                pairs.add(new SchoolIndex.PairGap(pair, false, pr.n(), number(pr.meanDifference()),
                        number(pr.ciLower()), number(pr.ciUpper()), number(pr.tP())));
            } else {
                pairs.add(SchoolIndex.PairGap.suppressed(pair));
            }
        }
        // "now" and "ideal" means of the respondents with a gap; blanked pairs make both rest on the same answers
        SchoolIndex.GapIndex g = new SchoolIndex.GapIndex(number(p.meanDifference()), number(p.sdDifference()),
                number(p.ciLower()), number(p.ciUpper()), number(p.tP()), number(p.wilcoxonP()),
                number(r.secondMean()), number(r.firstMean()), pairs);
        return new SchoolIndex(schoolId, false, r.rows(), p.n(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, g);
    }

    /**
     * What a school's entry adds to the shown schools' totals of its construct: respondents with a
     * score (gap) at {@code [0]}, then per item (pair) the answers shown. Nothing for a suppressed
     * entry; a suppressed item (pair) of a shown entry adds nothing for it.
     */
    static void addShown(SchoolIndex e, long[] totals, int sign) {
        if (e.suppressed()) {
            return;
        }
        totals[0] += sign * e.n();
        if (e.gap() != null) {
            List<SchoolIndex.PairGap> pairs = e.gap().pairs();
            for (int j = 0; j < pairs.size(); j++) {
                totals[j + 1] += pairs.get(j).suppressed() ? 0 : sign * pairs.get(j).n();
            }
        } else {
            List<SchoolIndex.ItemIndex> items = e.items();
            for (int j = 0; j < items.size(); j++) {
                totals[j + 1] += items.get(j).suppressed() ? 0 : sign * items.get(j).n();
            }
        }
    }
}
