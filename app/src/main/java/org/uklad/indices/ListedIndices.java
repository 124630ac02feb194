package org.uklad.indices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.uklad.analysis.ScoreDistribution;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.compare.GapAccumulator;
import org.uklad.analysis.compare.PairedResult;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ResponseScale;

/**
 * A version's last indices and what they were made of, so that a kept scan's next read
 * ({@link VersionScan#result}) costs what changed, not what exists.
 *
 * <p>The first result lists every school with codes or counts, in ascending id. A later one, when
 * the codes are the same and every changed school is listed already, patches it: the changed
 * schools get new entries (the lists are {@link ChunkedList}s, so a changed entry copies its chunk
 * and shares the rest, and a result returned before stays as it was for whoever reads it), the
 * shown schools' totals the pooled figure is checked against are corrected by the old and new
 * entries (integers, exact), and per construct only the pooled figure is finished again and the
 * ICC taken from sums kept up to date school by school ({@code IccSums}). Schools are found by
 * their position in the sorted ids, not by text keys. Codes for new schools, or a school's first
 * state, list the schools again, reusing every unchanged school's entry. Suppression and the
 * poolable rule are applied exactly as to a first listing, so a patched result equals a fresh
 * scan's (the tests hold them to 1e-12).
 */
final class ListedIndices {

    private final VersionPlan plan;
    private final SuppressionPolicy policy;
    private final ScaleAccumulator[] accumulators;
    private final GapAccumulator[] gaps;
    /** Constructs (scales, then gaps) in questionnaire order: the order the result lists them in. */
    private final int[] order;
    /** The last result and what it was made of; null before the first. */
    private Listed last;

    ListedIndices(VersionPlan plan, SuppressionPolicy policy, ScaleAccumulator[] accumulators, GapAccumulator[] gaps) {
        this.plan = plan;
        this.policy = policy;
        this.accumulators = accumulators;
        this.gaps = gaps;
        this.order = questionnaireOrder(plan);
    }

    /** Whether there is a result to patch (before it, changes need not be noted). */
    boolean any() {
        return last != null;
    }

    /**
     * The indices of the accumulators' counts: the last result patched, or listed again (see the
     * class comment).
     *
     * @param schoolIds    schools to list even without answers (they hold codes for this version)
     * @param schools      schools with counts
     * @param changed      schools whose counts changed since the last result
     * @param personScores where the shown groups' person-score distributions go (for comparisons)
     */
    QuestionnaireIndices result(List<Long> schoolIds, Set<String> schools, Set<String> changed, PersonScores personScores) {
        long[] changedIds = ascending(changed);
        if (last == null || !(schoolIds == last.codes() || schoolIds.equals(last.codes()))
                || !listed(last.ids(), changedIds)) {
            last = list(schoolIds, schools, changedIds);
        } else if (changedIds.length > 0) {
            last = patch(changedIds);
        }
        long versionId = plan.source().versionId();
        for (Listing l : last.constructs()) {
            if (l.scores() != null) {
                personScores.putSchools(versionId, l.index().construct(), last.ids(), l.scores());
            }
            if (l.pooled100() != null) {
                personScores.putPooled(versionId, l.index().construct(), l.pooled100());
            }
        }
        return last.result();
    }

    /** A result and what it was made of: the codes and listed schools (ascending), per construct its listing. */
    private record Listed(List<Long> codes, long[] ids, Listing[] constructs, QuestionnaireIndices result) {}

    /**
     * One construct as last listed: the entries and person scores on 0–100 (scales; null where not
     * shown) at the schools' positions, the shown schools' totals ({@link SchoolEntries#addShown}),
     * the pooled person scores when shown, and the construct's index.
     */
    private record Listing(ChunkedList<SchoolIndex> entries, ChunkedList<ScoreDistribution> scores, long[] shown,
                           ScoreDistribution pooled100, ConstructIndex index) {}

    /** A school's entry of one construct and its person scores on 0–100 (null when not shown, and for a gap). */
    private record Entry(SchoolIndex index, ScoreDistribution scores100) {}

    /** Lists every school with codes or counts, reusing the last result's entries of unchanged schools. */
    private Listed list(List<Long> schoolIds, Set<String> schools, long[] changedIds) {
        long[] ids = allSchools(schoolIds, schools);
        Listing[] listings = new Listing[accumulators.length + gaps.length];
        for (int c = 0; c < listings.length; c++) {
            SchoolIndex[] entries = new SchoolIndex[ids.length];
            ScoreDistribution[] scores = new ScoreDistribution[ids.length];
            long[] shown = new long[parts(c) + 1];
            int o = 0;
            int ch = 0;
            for (int p = 0; p < ids.length; p++) {
                long id = ids[p];
                while (last != null && o < last.ids().length && last.ids()[o] < id) {
                    o++;
                }
                while (ch < changedIds.length && changedIds[ch] < id) {
                    ch++;
                }
                boolean unchanged = ch == changedIds.length || changedIds[ch] != id;
                if (last != null && unchanged && o < last.ids().length && last.ids()[o] == id) {
                    entries[p] = last.constructs()[c].entries().get(o);
                    scores[p] = c < accumulators.length ? last.constructs()[c].scores().get(o) : null;
                } else {
                    Entry e = entry(c, id);
                    entries[p] = e.index();
                    scores[p] = e.scores100();
                }
                SchoolEntries.addShown(entries[p], shown, 1);
            }
            listings[c] = finish(c, ChunkedList.of(entries), c < accumulators.length ? ChunkedList.of(scores) : null, shown);
        }
        return new Listed(schoolIds, ids, listings, indices(listings));
    }

    /** The last result with the changed schools' entries replaced (every one of them listed already). */
    private Listed patch(long[] changedIds) {
        int[] positions = new int[changedIds.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = Arrays.binarySearch(last.ids(), changedIds[i]);
        }
        Listing[] listings = new Listing[last.constructs().length];
        for (int c = 0; c < listings.length; c++) {
            Listing before = last.constructs()[c];
            long[] shown = before.shown().clone();
            List<SchoolIndex> entries = new ArrayList<>(positions.length);
            List<ScoreDistribution> scores = new ArrayList<>(positions.length);
            for (int i = 0; i < positions.length; i++) {
                Entry e = entry(c, changedIds[i]);
                SchoolEntries.addShown(before.entries().get(positions[i]), shown, -1);
                SchoolEntries.addShown(e.index(), shown, 1);
                entries.add(e.index());
                scores.add(e.scores100());
            }
            listings[c] = finish(c, before.entries().with(positions, entries),
                    before.scores() == null ? null : before.scores().with(positions, scores), shown);
        }
        return new Listed(last.codes(), last.ids(), listings, indices(listings));
    }

    /** The version's indices from its constructs' listings, in questionnaire order. */
    private QuestionnaireIndices indices(Listing[] listings) {
        List<ConstructIndex> constructs = new ArrayList<>(listings.length);
        for (int c : order) {
            constructs.add(listings[c].index());
        }
        LoadedQuestionnaire q = plan.source();
        return new QuestionnaireIndices(q.versionId(), q.key(), q.version(), q.questionnaire().respondent(),
                Text.of(q.questionnaire().title()), constructs);
    }

    /** Items (scales) or pairs (gaps) of construct {@code c}. */
    private int parts(int c) {
        return c < accumulators.length ? plan.scales().get(c).items().size()
                : plan.gaps().get(c - accumulators.length).pairs().size();
    }

    /** A school's entry of construct {@code c} (scales, then gaps) from its finished figures. */
    private Entry entry(int c, long id) {
        String school = Long.toString(id);
        if (c < accumulators.length) {
            VersionPlan.ScaleConstruct sc = plan.scales().get(c);
            Optional<Suppressible<GroupScaleResult>> g = accumulators[c].result(school);
            if (g.isPresent() && g.get() instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult r)) {
                return new Entry(SchoolEntries.level(id, r, sc, null), SchoolEntries.on100(r, sc));
            }
            return new Entry(SchoolIndex.suppressed(id), null);
        }
        VersionPlan.GapConstruct gc = plan.gaps().get(c - accumulators.length);
        Optional<GapAccumulator.GapResult> g = gaps[c - accumulators.length].result(school, policy);
        if (g.isPresent() && g.get().gap().scale() instanceof Suppressible.Shown<PairedResult>) {
            return new Entry(SchoolEntries.gap(id, gc, g.get(), null), null);
        }
        return new Entry(SchoolIndex.suppressed(id), null);
    }

    /**
     * Construct {@code c}'s listing with its pooled figure and ICC finished again: shown only when
     * the suppressed schools together have none or at least k respondents ({@link #poolable}),
     * per item (pair) the same; the pooled person scores kept when shown.
     */
    private Listing finish(int c, ChunkedList<SchoolIndex> entries, ChunkedList<ScoreDistribution> scores, long[] shown) {
        SchoolIndex overall = SchoolIndex.suppressed(null);
        ConstructIndex.IccIndex icc = null;
        ScoreDistribution pooled100 = null;
        boolean[] partPoolable = new boolean[shown.length - 1];
        if (c < accumulators.length) {
            VersionPlan.ScaleConstruct sc = plan.scales().get(c);
            Suppressible<Icc> groupsIcc = accumulators[c].icc(); // keeps the ICC's sums current either way
            if (accumulators[c].pooledResult() instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult all)
                    && poolable(all.n(), shown[0])) {
                for (int j = 0; j < partPoolable.length; j++) {
                    partPoolable[j] = poolable(all.items().get(j).map(s -> s.n()).orElse(0L), shown[j + 1]);
                }
                overall = SchoolEntries.level(null, all, sc, partPoolable);
                pooled100 = SchoolEntries.on100(all, sc);
                icc = groupsIcc.map(ListedIndices::icc).orElse(null);
            }
            return new Listing(entries, scores, shown, pooled100, new ConstructIndex(sc.construct().id(),
                    Text.of(sc.construct().title()), sc.construct().domain(), sc.construct().index(), scaleInfo(sc.scale()),
                    itemRefs(sc.items()), entries, overall, icc));
        }
        VersionPlan.GapConstruct gc = plan.gaps().get(c - accumulators.length);
        GapAccumulator accumulator = gaps[c - accumulators.length];
        Icc groupsIcc = accumulator.icc(policy);
        GapAccumulator.GapResult all = accumulator.pooledResult(policy);
        if (all.gap().scale() instanceof Suppressible.Shown<PairedResult>(PairedResult p) && poolable(p.n(), shown[0])) {
            for (int j = 0; j < partPoolable.length; j++) {
                partPoolable[j] = poolable(all.gap().items().get(j).map(PairedResult::n).orElse(0L), shown[j + 1]);
            }
            overall = SchoolEntries.gap(null, gc, all, partPoolable);
            icc = icc(groupsIcc);
        }
        return new Listing(entries, null, shown, null, new ConstructIndex(gc.construct().id(), Text.of(gc.construct().title()),
                gc.construct().domain(), gc.construct().index(), scaleInfo(gc.scale()), itemRefs(gc.items()), entries,
                overall, icc));
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
        return new ConstructIndex.IccIndex(i.groups(), i.n(), SchoolIndex.number(i.icc1()), SchoolIndex.number(i.icc2()));
    }

    /** The schools' ids, ascending. */
    private static long[] ascending(Set<String> changed) {
        long[] ids = new long[changed.size()];
        int n = 0;
        for (String s : changed) {
            ids[n++] = Long.parseLong(s);
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Whether every changed school is listed already (else it is listed for the first time). */
    private static boolean listed(long[] ids, long[] changedIds) {
        for (long id : changedIds) {
            if (Arrays.binarySearch(ids, id) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Constructs (scales, then gaps) in the order their first item appears in the questionnaire. */
    private static int[] questionnaireOrder(VersionPlan plan) {
        List<String> order = new ArrayList<>();
        for (Item item : plan.source().questionnaire().items()) {
            if (item.construct() != null && !order.contains(item.construct())) {
                order.add(item.construct());
            }
        }
        List<String> ids = new ArrayList<>();
        plan.scales().forEach(s -> ids.add(s.construct().id()));
        plan.gaps().forEach(g -> ids.add(g.construct().id()));
        List<Integer> positions = new ArrayList<>();
        for (int c = 0; c < ids.size(); c++) {
            positions.add(c);
        }
        positions.sort(Comparator.comparingInt(c -> order.indexOf(ids.get(c))));
        return positions.stream().mapToInt(Integer::intValue).toArray();
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
