package org.uklad.indices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.questionnaire.LoadedQuestionnaire;

/**
 * How one questionnaire version is scored: the likert items that feed a construct, as columns of a
 * response row, and a {@link ScaleDefinition} per LEVEL/AGREEMENT construct and per side of each
 * GAP construct. Built from the parsed version only, so it is the same for every wave. Public for
 * the results per class ({@code classes/}), which score the same constructs the same way.
 *
 * @param source  the version
 * @param columns item id → position in a response row ({@code double[]}, NaN = not answered)
 * @param scales  LEVEL and AGREEMENT constructs, in questionnaire order
 * @param gaps    GAP constructs, in questionnaire order
 */
public record VersionPlan(LoadedQuestionnaire source, Map<String, Integer> columns, List<ScaleConstruct> scales,
                   List<GapConstruct> gaps) {

    private static final Logger LOG = LoggerFactory.getLogger(VersionPlan.class);

    /**
     * The codebook: a person's score is the mean of the keyed items answered, when at least two
     * thirds of the construct's items are answered; for a gap, two thirds of the pairs answered on
     * both sides.
     */
    static final double MIN_ANSWERED_SHARE = ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE;

    /**
     * A LEVEL or AGREEMENT construct.
     *
     * @param favourableKnown false when the scale's favourable points are not its top points (the
     *                        analysis counts "from a threshold up"), so percent favourable is left out
     */
    public record ScaleConstruct(Construct construct, ResponseScale scale, List<Item> items, ScaleDefinition definition,
                          boolean favourableKnown) {}

    /**
     * A GAP construct. Each respondent's answers become a compact row of {@code 2P} values, the P
     * "now" items then their P "ideal" twins in pair order; {@code now} and {@code ideal} score the
     * two halves.
     */
    record GapConstruct(Construct construct, ResponseScale scale, List<String> pairs, List<Item> items,
                        int[] nowColumns, int[] idealColumns, ScaleDefinition now, ScaleDefinition ideal) {

        /**
         * The respondent's compact row, with a pair answered on one side only blanked on both: the
         * gap of a teacher is then the mean over the pairs answered on both sides, and "now" and
         * "ideal" means rest on exactly the same answers.
         */
        double[] compact(double[] row) {
            int p = pairs.size();
            double[] out = new double[2 * p];
            for (int j = 0; j < p; j++) {
                double now = row[nowColumns[j]];
                double ideal = row[idealColumns[j]];
                boolean both = !Double.isNaN(now) && !Double.isNaN(ideal);
                out[j] = both ? now : Double.NaN;
                out[p + j] = both ? ideal : Double.NaN;
            }
            return out;
        }
    }

    public static VersionPlan of(LoadedQuestionnaire source) {
        Questionnaire q = source.questionnaire();
        Map<String, List<Item>> byConstruct = new LinkedHashMap<>();
        for (Item item : q.items()) {
            if (item.type() == ItemType.LIKERT && item.construct() != null) {
                byConstruct.computeIfAbsent(item.construct(), c -> new ArrayList<>()).add(item);
            }
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<ScaleConstruct> scales = new ArrayList<>();
        List<GapConstruct> gaps = new ArrayList<>();
        for (Map.Entry<String, List<Item>> e : byConstruct.entrySet()) {
            Construct construct = q.constructs().get(e.getKey());
            List<Item> items = e.getValue();
            Set<String> scaleIds = new LinkedHashSet<>();
            items.forEach(i -> scaleIds.add(i.scale()));
            if (scaleIds.size() != 1) {
                // Means over points of different scales are not a score; the validator does not forbid it yet.
                LOG.warn("Construct {} of {} v{} mixes scales {}; not scored", construct.id(), source.key(),
                        source.version(), scaleIds);
                continue;
            }
            ResponseScale scale = q.scales().get(scaleIds.iterator().next());
            OptionalInt favourableFrom = favourableFrom(scale);
            int from = favourableFrom.orElse(scale.max());
            switch (construct.index()) {
                case LEVEL, AGREEMENT -> {
                    int[] positions = new int[items.size()];
                    boolean[] reversed = new boolean[items.size()];
                    for (int j = 0; j < items.size(); j++) {
                        positions[j] = columns.computeIfAbsent(items.get(j).id(), id -> columns.size());
                        reversed[j] = items.get(j).reverse();
                    }
                    ScaleDefinition definition = new ScaleDefinition(construct.id(), positions, reversed, scale.min(),
                            scale.max(), MIN_ANSWERED_SHARE, from);
                    scales.add(new ScaleConstruct(construct, scale, items, definition, favourableFrom.isPresent()));
                }
                case GAP -> gaps.add(gap(construct, scale, items, columns, from));
                case CONTEXT -> { } // coded from single-choice items: never reaches here, and not a climate index
            }
        }
        return new VersionPlan(source, columns, scales, gaps);
    }

    private static GapConstruct gap(Construct construct, ResponseScale scale, List<Item> items,
                                    Map<String, Integer> columns, int favourableFrom) {
        Map<String, Item> now = new LinkedHashMap<>();
        Map<String, Item> ideal = new LinkedHashMap<>();
        for (Item item : items) {
            (item.gapSide() == GapSide.NOW ? now : ideal).put(item.gapPair(), item);
        }
        List<String> pairs = new ArrayList<>(now.keySet());
        int p = pairs.size();
        int[] nowColumns = new int[p];
        int[] idealColumns = new int[p];
        boolean[] nowReversed = new boolean[p];
        boolean[] idealReversed = new boolean[p];
        int[] nowPositions = new int[p];
        int[] idealPositions = new int[p];
        for (int j = 0; j < p; j++) {
            Item n = now.get(pairs.get(j));
            Item i = ideal.get(pairs.get(j)); // the validator guarantees exactly one twin per pair
            nowColumns[j] = columns.computeIfAbsent(n.id(), id -> columns.size());
            idealColumns[j] = columns.computeIfAbsent(i.id(), id -> columns.size());
            nowReversed[j] = n.reverse();
            idealReversed[j] = i.reverse();
            nowPositions[j] = j;
            idealPositions[j] = p + j;
        }
        String id = construct.id();
        ScaleDefinition nowScale = new ScaleDefinition(id + ":now", nowPositions, nowReversed, scale.min(), scale.max(),
                MIN_ANSWERED_SHARE, favourableFrom);
        ScaleDefinition idealScale = new ScaleDefinition(id + ":ideal", idealPositions, idealReversed, scale.min(),
                scale.max(), MIN_ANSWERED_SHARE, favourableFrom);
        return new GapConstruct(construct, scale, pairs, items, nowColumns, idealColumns, nowScale, idealScale);
    }

    /**
     * The analysis counts an answer favourable from a threshold up; that matches the scale's list
     * when the list is exactly the points from its lowest member up (as in every bundled scale).
     */
    static OptionalInt favourableFrom(ResponseScale scale) {
        int from = scale.favourable().stream().mapToInt(Integer::intValue).min().orElse(scale.max());
        Set<Integer> top = new LinkedHashSet<>();
        for (ScalePoint p : scale.points()) {
            if (p.value() >= from) {
                top.add(p.value());
            }
        }
        return top.equals(new LinkedHashSet<>(scale.favourable())) ? OptionalInt.of(from) : OptionalInt.empty();
    }

    boolean scoresAnything() {
        return !columns.isEmpty();
    }

    /**
     * What a school's stored statistics of this version depend on, as one key: the state layout
     * ({@link VersionScan#STATE_FORMAT}) and, per construct in order, its items, keying, scale and
     * answered-share rule. States stored under another key (after an upgrade that scores
     * differently) are rebuilt, never merged ({@link WaveStatistics}).
     */
    String statisticsKey() {
        StringBuilder key = new StringBuilder("format ").append(VersionScan.STATE_FORMAT);
        for (ScaleConstruct sc : scales) {
            key.append("|scale ").append(sc.construct().id());
            describe(key, sc.items().stream().map(Item::id).toList(), sc.definition());
        }
        for (GapConstruct g : gaps) {
            key.append("|gap ").append(g.construct().id()).append(' ').append(g.pairs());
            List<String> now = new ArrayList<>();
            List<String> ideal = new ArrayList<>();
            columns.forEach((item, column) -> {
                for (int j = 0; j < g.pairs().size(); j++) {
                    if (g.nowColumns()[j] == column) {
                        now.add(j + "=" + item);
                    }
                    if (g.idealColumns()[j] == column) {
                        ideal.add(j + "=" + item);
                    }
                }
            });
            describe(key, now, g.now());
            describe(key, ideal, g.ideal());
        }
        return org.uklad.system.Hashes.sha256Hex(key.toString());
    }

    private static void describe(StringBuilder key, List<String> items, ScaleDefinition d) {
        key.append(' ').append(items).append(' ').append(java.util.Arrays.toString(d.reversed())).append(' ')
                .append(d.min()).append("..").append(d.max()).append(" from ").append(d.minAnswered());
    }
}
