package org.uklad.indices;

import static org.uklad.indices.SchoolIndex.number;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.compare.RealIdealGap;
import org.uklad.analysis.reliability.AlphaResult;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ItemSummary;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleReport;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaire.LoadedQuestionnaire;

/**
 * The state of one pass over one version's responses: a {@link ScaleAccumulator} per LEVEL and
 * AGREEMENT construct (integer counts per school, bounded memory) and, per GAP construct, the
 * compact rows of each school (the signed-rank test needs every difference). Rows are keyed by
 * school id as a string. Not thread-safe; one per pass.
 */
final class VersionScan {

    private final VersionPlan plan;
    private final SuppressionPolicy policy;
    private final ScaleAccumulator[] accumulators;
    private final List<Map<String, List<double[]>>> gapRows = new ArrayList<>();
    private final PersonScores personScores;

    /** @param personScores where the shown groups' person-score distributions go (for comparisons) */
    VersionScan(VersionPlan plan, SuppressionPolicy policy, PersonScores personScores) {
        this.plan = plan;
        this.policy = policy;
        this.personScores = personScores;
        this.accumulators = plan.scales().stream().map(s -> new ScaleAccumulator(s.definition(), policy))
                .toArray(ScaleAccumulator[]::new);
        plan.gaps().forEach(g -> gapRows.add(new HashMap<>()));
    }

    /** One response: its school and its answers in the plan's columns (NaN = not answered). */
    void add(String school, double[] row) {
        for (ScaleAccumulator a : accumulators) {
            a.add(school, row);
        }
        for (int g = 0; g < gapRows.size(); g++) {
            gapRows.get(g).computeIfAbsent(school, s -> new ArrayList<>()).add(plan.gaps().get(g).compact(row));
        }
    }

    /**
     * The indices of everything added.
     *
     * @param schoolIds schools to list even without answers (they hold codes for this version)
     */
    QuestionnaireIndices result(List<Long> schoolIds) {
        List<ConstructIndex> constructs = new ArrayList<>();
        for (int i = 0; i < accumulators.length; i++) {
            constructs.add(scaleIndex(plan.scales().get(i), accumulators[i].report(), schoolIds));
        }
        for (int g = 0; g < gapRows.size(); g++) {
            constructs.add(gapIndex(plan.gaps().get(g), gapRows.get(g), schoolIds));
        }
        // questionnaire order: constructs in the order their first item appears
        List<String> order = new ArrayList<>();
        for (Item item : plan.source().questionnaire().items()) {
            if (item.construct() != null && !order.contains(item.construct())) {
                order.add(item.construct());
            }
        }
        constructs.sort(Comparator.comparingInt(c -> order.indexOf(c.construct())));
        LoadedQuestionnaire q = plan.source();
        return new QuestionnaireIndices(q.versionId(), q.key(), q.version(), q.questionnaire().respondent(),
                Text.of(q.questionnaire().title()), constructs);
    }

    private ConstructIndex scaleIndex(VersionPlan.ScaleConstruct sc, ScaleReport report, List<Long> schoolIds) {
        List<SchoolIndex> schools = new ArrayList<>();
        long shownN = 0;
        long[] shownItemN = new long[sc.items().size()];
        for (long id : allSchools(schoolIds, report.groups().keySet())) {
            Suppressible<GroupScaleResult> g = report.groups().get(Long.toString(id));
            if (g instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult r)) {
                schools.add(levelIndex(id, r, sc, null));
                personScores.putSchool(plan.source().versionId(), sc.construct().id(), id, on100(r, sc));
                shownN += r.n();
                for (int j = 0; j < shownItemN.length; j++) {
                    shownItemN[j] += r.items().get(j).map(ItemSummary::n).orElse(0L);
                }
            } else {
                schools.add(SchoolIndex.suppressed(id));
            }
        }
        SchoolIndex overall = SchoolIndex.suppressed(null);
        ConstructIndex.IccIndex icc = null;
        if (report.overall() instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult all)
                && poolable(all.n(), shownN)) {
            boolean[] itemPoolable = new boolean[shownItemN.length];
            for (int j = 0; j < itemPoolable.length; j++) {
                itemPoolable[j] = poolable(all.items().get(j).map(ItemSummary::n).orElse(0L), shownItemN[j]);
            }
            overall = levelIndex(null, all, sc, itemPoolable);
            personScores.putPooled(plan.source().versionId(), sc.construct().id(), on100(all, sc));
            icc = report.icc().map(VersionScan::icc).orElse(null);
        }
        return new ConstructIndex(sc.construct().id(), Text.of(sc.construct().title()), sc.construct().domain(),
                sc.construct().index(), scaleInfo(sc.scale()), itemRefs(sc.items()), schools, overall, icc);
    }

    /** The group's person scores rescaled to 0–100, the scale comparisons are reported on. */
    private static ScoreDistribution on100(GroupScaleResult r, VersionPlan.ScaleConstruct sc) {
        double[] values = r.distribution().values();
        for (int i = 0; i < values.length; i++) {
            values[i] = sc.definition().rescale(values[i]);
        }
        return ScoreDistribution.of(values, r.distribution().counts());
    }

    private SchoolIndex levelIndex(Long schoolId, GroupScaleResult r, VersionPlan.ScaleConstruct sc,
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

    private ConstructIndex gapIndex(VersionPlan.GapConstruct gc, Map<String, List<double[]>> rowsBySchool,
                                    List<Long> schoolIds) {
        List<SchoolIndex> schools = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        List<String> pooledGroups = new ArrayList<>();
        long shownN = 0;
        long[] shownPairN = new long[gc.pairs().size()];
        for (long id : allSchools(schoolIds, rowsBySchool.keySet())) {
            List<double[]> rows = rowsBySchool.getOrDefault(Long.toString(id), List.of());
            for (double[] row : rows) {
                pooled.add(row);
                pooledGroups.add(Long.toString(id));
            }
            // ideal first: the analysis reports first − second, the codebook's gap is ideal − now
            RealIdealGap.GapReport gap = RealIdealGap.compare(gc.ideal(), gc.now(), rows, policy);
            if (gap.scale() instanceof Suppressible.Shown<PairedResult>(PairedResult p)) {
                schools.add(gapSchool(id, gc, rows, gap, null));
                shownN += p.n();
                for (int j = 0; j < shownPairN.length; j++) {
                    shownPairN[j] += gap.items().get(j).map(PairedResult::n).orElse(0L);
                }
            } else {
                schools.add(SchoolIndex.suppressed(id));
            }
        }
        SchoolIndex overall = SchoolIndex.suppressed(null);
        ConstructIndex.IccIndex icc = null;
        RealIdealGap.GapReport all = RealIdealGap.compare(gc.ideal(), gc.now(), pooled, policy);
        if (all.scale() instanceof Suppressible.Shown<PairedResult>(PairedResult p) && poolable(p.n(), shownN)) {
            boolean[] pairPoolable = new boolean[shownPairN.length];
            for (int j = 0; j < pairPoolable.length; j++) {
                pairPoolable[j] = poolable(all.items().get(j).map(PairedResult::n).orElse(0L), shownPairN[j]);
            }
            overall = gapSchool(null, gc, pooled, all, pairPoolable);
            double[] gaps = new double[pooled.size()];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = gc.ideal().score(pooled.get(i)) - gc.now().score(pooled.get(i));
            }
            Icc i = Icc.of(gaps, pooledGroups.toArray(String[]::new));
            icc = icc(i);
        }
        return new ConstructIndex(gc.construct().id(), Text.of(gc.construct().title()), gc.construct().domain(),
                gc.construct().index(), scaleInfo(gc.scale()), itemRefs(gc.items()), schools, overall, icc);
    }

    private SchoolIndex gapSchool(Long schoolId, VersionPlan.GapConstruct gc, List<double[]> rows,
                                  RealIdealGap.GapReport gap, boolean[] pairPoolable) {
        PairedResult p = gap.scale().orElseThrow();
        // "now" and "ideal" means of the respondents with a gap; blanked pairs make both rest on the same answers
        double nowSum = 0;
        double idealSum = 0;
        int n = 0;
        for (double[] row : rows) {
            double now = gc.now().score(row);
            double ideal = gc.ideal().score(row);
            if (!Double.isNaN(now) && !Double.isNaN(ideal)) {
                nowSum += now;
                idealSum += ideal;
                n++;
            }
        }
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
        SchoolIndex.GapIndex g = new SchoolIndex.GapIndex(number(p.meanDifference()), number(p.sdDifference()),
                number(p.ciLower()), number(p.ciUpper()), number(p.tP()), number(p.wilcoxonP()),
                number(nowSum / n), number(idealSum / n), pairs);
        return new SchoolIndex(schoolId, false, (long) rows.size(), p.n(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, g);
    }

    /**
     * Whether a pooled figure over {@code total} respondents may be shown beside schools showing
     * {@code shown} of them: the rest (the suppressed schools together) must be none or at least the
     * threshold, else pooled minus shown would give away a small school's figure.
     */
    private boolean poolable(long total, long shown) {
        long rest = total - shown;
        return rest == 0 || policy.allows(rest);
    }

    private static ConstructIndex.IccIndex icc(Icc i) {
        return new ConstructIndex.IccIndex(i.groups(), i.n(), number(i.icc1()), number(i.icc2()));
    }

    private static TreeSet<Long> allSchools(List<Long> withCodes, Set<String> withAnswers) {
        TreeSet<Long> all = new TreeSet<>(withCodes);
        withAnswers.forEach(s -> all.add(Long.parseLong(s)));
        return all;
    }

    private static ConstructIndex.ScaleInfo scaleInfo(ResponseScale s) {
        return new ConstructIndex.ScaleInfo(s.id(), s.min(), s.max(), s.favourable());
    }

    private static List<ConstructIndex.ItemRef> itemRefs(List<Item> items) {
        return items.stream().map(i -> new ConstructIndex.ItemRef(i.id(), i.reverse(), i.gapPair(), i.gapSide()))
                .toList();
    }
}
