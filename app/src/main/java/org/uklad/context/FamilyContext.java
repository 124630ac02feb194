package org.uklad.context;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.context.FamilyContextIndex;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.Jdbc;
import org.uklad.wave.Waves;

/**
 * Each school's family context index in a wave, as the codebook defines it, from the coded items of
 * the construct of index {@code context} ({@code family_context} of the parents' questionnaire), by
 * {@link FamilyContextIndex}: each answer rescaled to 0–1 over its item's codes, a family's index
 * the mean of its rescaled answers, the school's the mean over families (0 = fewest resources,
 * 1 = most), with the share of families whose index is below 1/3.
 *
 * <p>Coding, as the codebook says: an answer is its whole-number option code (codes increase with
 * the family's resources), the item's range is from its lowest to its highest whole-number option
 * code; "prefer not to say" and any other non-numeric option are missing. A family counts only when
 * at least two thirds of the coded items are answered (2 of 3); a school with fewer such families
 * than the anonymity threshold is suppressed. Several questionnaire versions in one wave pool by
 * item id (an item's range spans the codes of all of them).
 *
 * <p>The index describes the conditions a school works in; it is never a rating of the school.
 */
@Singleton
public class FamilyContext {

    private final Jdbc jdbc;
    private final FamilyContextStore store;
    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final SuppressionPolicy policy;

    FamilyContext(Jdbc jdbc, FamilyContextStore store, Waves waves, QuestionnaireRegistry questionnaires,
                  SuppressionPolicy policy) {
        this.jdbc = jdbc;
        this.store = store;
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.policy = policy;
    }

    /** The coded context items of a version (single choice, construct of index context). */
    static List<Item> codedItems(Questionnaire q) {
        return q.items().stream().filter(i -> i.type() == ItemType.SINGLE && i.construct() != null
                && q.constructs().get(i.construct()) != null
                && q.constructs().get(i.construct()).index() == IndexKind.CONTEXT).toList();
    }

    /** The whole-number codes of an item's options ("prefer not to say" and other words excluded). */
    static int[] codes(Item item) {
        return item.options().stream().map(ChoiceOption::value).filter(FamilyContext::isCode)
                .mapToInt(Integer::parseInt).toArray();
    }

    private static boolean isCode(String value) {
        return value.matches("-?\\d{1,6}");
    }

    /**
     * @return school id → context (suppressed below the threshold); schools without any counted
     *         family are absent; empty when the wave asks no context items
     */
    public Map<Long, Suppressible<SchoolContext>> indices(long waveId) {
        Map<LoadedQuestionnaire, List<Item>> versions = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            // an item without two distinct codes cannot be rescaled: it is not a coded item
            List<Item> items = codedItems(q.questionnaire()).stream()
                    .filter(i -> Arrays.stream(codes(i)).distinct().count() >= 2).toList();
            if (!items.isEmpty()) {
                versions.put(q, items);
                for (Item i : items) {
                    columns.putIfAbsent(i.id(), columns.size());
                    ranges.merge(i.id(), codes(i), (a, b) -> IntStream.concat(Arrays.stream(a), Arrays.stream(b)).toArray());
                }
            }
        }
        if (columns.isEmpty()) {
            return Map.of();
        }
        double[] lowest = ranges.values().stream().mapToDouble(c -> Arrays.stream(c).min().orElseThrow()).toArray();
        double[] highest = ranges.values().stream().mapToDouble(c -> Arrays.stream(c).max().orElseThrow()).toArray();
        FamilyContextIndex acc = new FamilyContextIndex(lowest, highest, policy);
        double[] row = new double[columns.size()];
        jdbc.readOnly(() -> {
            versions.forEach((q, items) -> store.answers(waveId, q.versionId(), items.stream().map(Item::id).toList(),
                    (school, ids, values) -> {
                        Arrays.fill(row, Double.NaN);
                        for (int i = 0; i < ids.length; i++) {
                            if (isCode(values[i])) {
                                row[columns.get(ids[i])] = Integer.parseInt(values[i]);
                            }
                        }
                        // a family that answered fewer than 2 of 3 items is not counted (FamilyContextIndex)
                        acc.add(Long.toString(school), row);
                    }));
            return null;
        });
        Map<Long, Suppressible<SchoolContext>> out = new LinkedHashMap<>();
        acc.schools().forEach((school, value) -> out.put(Long.parseLong(school), value));
        return out;
    }
}
