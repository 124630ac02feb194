package org.uklad.indices;

import static org.uklad.indices.SchoolIndex.number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uklad.analysis.Counts;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.compare.GapAccumulator;
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
 * The statistics of one version's responses per school: a {@link ScaleAccumulator} per LEVEL and
 * AGREEMENT construct and a {@link GapAccumulator} per GAP construct, both integer counts per
 * school (bounded memory, exact, mergeable). Filled either by rows ({@link #add}, one pass over the
 * answers) or by the schools' stored states ({@link #merge}, see {@link WaveStatistics}); a school's
 * state leaves as bytes ({@link #state}). Schools are keyed by id as a string. Not thread-safe: one
 * computation at a time (a scan kept between reads is used under its lock, see {@link WaveStatistics}).
 */
final class VersionScan {

    /**
     * The layout of a school's state: bump when the bytes {@link #state} writes change meaning, so
     * stored states of the old layout are rebuilt, not misread ({@link VersionPlan#statisticsKey}).
     */
    static final int STATE_FORMAT = 1;

    private final VersionPlan plan;
    private final SuppressionPolicy policy;
    private final ScaleAccumulator[] accumulators;
    private final GapAccumulator[] gaps;
    /**
     * Per construct (scales, then gaps) and school, the school's entry as last finished, with the
     * figures it was made from: reused while the accumulator hands back the same figures (it
     * keeps them until the school's state changes), so a result after a few schools changed
     * builds only their entries.
     */
    private final List<Map<Long, Finished>> finished = new ArrayList<>();
    /** Each school's state as stored, for a scan filled by {@link #replace} (its counts may be let go). */
    private final Map<String, byte[]> stored = new HashMap<>();

    /** A school's entry and its person scores on 0–100, made from {@code from} (compared by identity). */
    private record Finished(Object from, SchoolIndex index, ScoreDistribution scores100) {}

    VersionScan(VersionPlan plan, SuppressionPolicy policy) {
        this.plan = plan;
        this.policy = policy;
        this.accumulators = plan.scales().stream().map(s -> new ScaleAccumulator(s.definition(), policy))
                .toArray(ScaleAccumulator[]::new);
        // ideal first: the codebook's gap is ideal − now
        this.gaps = plan.gaps().stream().map(g -> new GapAccumulator(g.ideal(), g.now())).toArray(GapAccumulator[]::new);
        for (int i = 0; i < accumulators.length + gaps.length; i++) {
            finished.add(new HashMap<>());
        }
    }

    /** One response: its school and its answers in the plan's columns (NaN = not answered). */
    void add(String school, double[] row) {
        for (ScaleAccumulator a : accumulators) {
            a.add(school, row);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].add(school, plan.gaps().get(g).compact(row));
        }
    }

    /** The schools with rows or states so far (none when the version scores nothing). */
    Set<String> schools() {
        return accumulators.length > 0 ? accumulators[0].groups() : gaps.length > 0 ? gaps[0].groups() : Set.of();
    }

    /** A school's state: every construct's counts in plan order ({@link #STATE_FORMAT}). */
    byte[] state(String school) {
        return Counts.toBytes(out -> {
            for (ScaleAccumulator a : accumulators) {
                a.state(school).orElseThrow().write(out);
            }
            for (GapAccumulator g : gaps) {
                g.state(school).orElseThrow().write(out);
            }
        });
    }

    /** Adds a school's state written by {@link #state} (for the same plan), as if its rows were added again. */
    void merge(String school, byte[] state) {
        States states = decode(state);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].merge(school, states.scales()[i]);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].merge(school, states.gaps()[g]);
        }
    }

    /**
     * Sets a school's state to one written by {@link #state} (for the same plan), dropping what the
     * school held: a stored state written again since this scan read it. Only this school and the
     * pooled figures are finished again by the next {@link #result}.
     */
    void replace(String school, byte[] state) {
        byte[] previous = stored.put(school, state);
        States before = previous == null ? null : decode(previous);
        States after = decode(state);
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].replace(school, after.scales()[i], before == null ? null : before.scales()[i]);
        }
        for (int g = 0; g < gaps.length; g++) {
            gaps[g].replace(school, after.gaps()[g], before == null ? null : before.gaps()[g]);
        }
    }

    /** A school's state decoded: every construct's counts, in plan order. */
    private record States(ScaleAccumulator.State[] scales, GapAccumulator.State[] gaps) {}

    /** Decodes a school's state written by {@link #state} (for the same plan). */
    private States decode(byte[] state) {
        return Counts.fromBytes(state, in -> {
            ScaleAccumulator.State[] scales = new ScaleAccumulator.State[accumulators.length];
            for (int i = 0; i < scales.length; i++) {
                scales[i] = accumulators[i].readState(in);
            }
            GapAccumulator.State[] gapStates = new GapAccumulator.State[gaps.length];
            for (int g = 0; g < gapStates.length; g++) {
                gapStates[g] = gaps[g].readState(in);
            }
            return new States(scales, gapStates);
        });
    }

    /**
     * Lets go of the decoded counts of the schools whose figures are finished (after a
     * {@link #result}), keeping their stored bytes: a scan kept between reads then holds each school
     * as its compact stored state (about 1.4 kB for a 40-item form) plus its finished figures, and a
     * later {@link #replace} decodes the old bytes to take them from the pooled counts. Only for a
     * scan filled by {@link #replace}.
     */
    void compact() {
        for (ScaleAccumulator a : accumulators) {
            a.compact();
        }
        for (GapAccumulator g : gaps) {
            g.compact();
        }
    }

    /**
     * The indices of everything added.
     *
     * @param schoolIds    schools to list even without answers (they hold codes for this version)
     * @param personScores where the shown groups' person-score distributions go (for comparisons)
     */
    QuestionnaireIndices result(List<Long> schoolIds, PersonScores personScores) {
        List<ConstructIndex> constructs = new ArrayList<>();
        long[] schools = allSchools(schoolIds, schools());
        for (int i = 0; i < accumulators.length; i++) {
            constructs.add(scaleIndex(plan.scales().get(i), accumulators[i].report(), schools, personScores,
                    finished.get(i)));
        }
        for (int g = 0; g < gaps.length; g++) {
            constructs.add(gapIndex(plan.gaps().get(g), gaps[g], schools, finished.get(accumulators.length + g)));
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

    private ConstructIndex scaleIndex(VersionPlan.ScaleConstruct sc, ScaleReport report, long[] schoolIds,
                                      PersonScores personScores, Map<Long, Finished> kept) {
        List<SchoolIndex> schools = new ArrayList<>(schoolIds.length);
        long shownN = 0;
        long[] shownItemN = new long[sc.items().size()];
        for (long id : schoolIds) {
            Suppressible<GroupScaleResult> g = report.groups().get(Long.toString(id));
            if (g instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult r)) {
                Finished f = kept.get(id);
                if (f == null || f.from() != r) {
                    f = new Finished(r, levelIndex(id, r, sc, null), on100(r, sc));
                    kept.put(id, f);
                }
                schools.add(f.index());
                personScores.putSchool(plan.source().versionId(), sc.construct().id(), id, f.scores100());
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

    private ConstructIndex gapIndex(VersionPlan.GapConstruct gc, GapAccumulator accumulator, long[] schoolIds,
                                    Map<Long, Finished> kept) {
        List<SchoolIndex> schools = new ArrayList<>(schoolIds.length);
        List<ScoreDistribution> schoolGaps = new ArrayList<>();
        long shownN = 0;
        long[] shownPairN = new long[gc.pairs().size()];
        for (long id : schoolIds) {
            Optional<GapAccumulator.GapResult> result = accumulator.result(Long.toString(id), policy);
            if (result.isEmpty()) {
                schools.add(SchoolIndex.suppressed(id));
                continue;
            }
            GapAccumulator.GapResult r = result.get();
            schoolGaps.add(r.gaps());
            if (r.gap().scale() instanceof Suppressible.Shown<PairedResult>(PairedResult p)) {
                Finished f = kept.get(id);
                if (f == null || f.from() != r) {
                    f = new Finished(r, gapSchool(id, gc, r, null), null);
                    kept.put(id, f);
                }
                schools.add(f.index());
                shownN += p.n();
                for (int j = 0; j < shownPairN.length; j++) {
                    shownPairN[j] += r.gap().items().get(j).map(PairedResult::n).orElse(0L);
                }
            } else {
                schools.add(SchoolIndex.suppressed(id));
            }
        }
        SchoolIndex overall = SchoolIndex.suppressed(null);
        ConstructIndex.IccIndex icc = null;
        GapAccumulator.GapResult all = accumulator.pooledResult(policy);
        if (all.gap().scale() instanceof Suppressible.Shown<PairedResult>(PairedResult p) && poolable(p.n(), shownN)) {
            boolean[] pairPoolable = new boolean[shownPairN.length];
            for (int j = 0; j < pairPoolable.length; j++) {
                pairPoolable[j] = poolable(all.gap().items().get(j).map(PairedResult::n).orElse(0L), shownPairN[j]);
            }
            overall = gapSchool(null, gc, all, pairPoolable);
            long[] sizes = new long[schoolGaps.size()];
            double[] means = new double[sizes.length];
            double[] ss = new double[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                ScoreDistribution d = schoolGaps.get(i);
                sizes[i] = d.n();
                means[i] = d.mean();
                ss[i] = d.n() > 0 ? d.sumSquaredDeviations() : 0;
            }
            icc = icc(Icc.fromGroups(sizes, means, ss));
        }
        return new ConstructIndex(gc.construct().id(), Text.of(gc.construct().title()), gc.construct().domain(),
                gc.construct().index(), scaleInfo(gc.scale()), itemRefs(gc.items()), schools, overall, icc);
    }

    private SchoolIndex gapSchool(Long schoolId, VersionPlan.GapConstruct gc, GapAccumulator.GapResult r,
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

    /** The schools with codes or answers, ascending: the order every construct lists them in. */
    private static long[] allSchools(List<Long> withCodes, Set<String> withAnswers) {
        long[] all = new long[withCodes.size() + withAnswers.size()];
        int n = 0;
        for (long id : withCodes) {
            all[n++] = id;
        }
        for (String s : withAnswers) {
            all[n++] = Long.parseLong(s);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || all[i] != all[distinct - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    private static ConstructIndex.ScaleInfo scaleInfo(ResponseScale s) {
        return new ConstructIndex.ScaleInfo(s.id(), s.min(), s.max(), s.favourable());
    }

    private static List<ConstructIndex.ItemRef> itemRefs(List<Item> items) {
        return items.stream().map(i -> new ConstructIndex.ItemRef(i.id(), i.reverse(), i.gapPair(), i.gapSide()))
                .toList();
    }
}
