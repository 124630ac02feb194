package org.uklad.overview;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.context.ContextIndexAccumulator;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.survey.LoadedQuestionnaire;
import org.uklad.survey.QuestionnaireRegistry;
import org.uklad.wave.Waves;

/**
 * Each school's family social-context index in a wave, from the coded items of the construct of
 * index {@code context} ({@code family_context} of the parents' questionnaire), by
 * {@link ContextIndexAccumulator}: the mean over items of the school's standardized item means, in
 * pooled parent-level SD units (0 = an average school of the wave; higher = more advantaged).
 *
 * <p>Coding, as the codebook says: an answer is its whole-number option code (codes increase with
 * the family's resources); "prefer not to say" and any other non-numeric option are missing. A
 * parent counts only when at least two thirds of the coded items are answered (2 of 3), the same
 * rule as a person's scale score; a school with fewer such parents than the anonymity threshold is
 * suppressed. Several questionnaire versions in one wave pool by item id.
 *
 * <p>The index describes the conditions a school works in; it is never a rating of the school.
 */
@Singleton
class FamilyContext {

    /* One row per parent with any coded answer: the item ids and the answers as two parallel arrays. */
    private static final String ANSWERS = """
            SELECT r.school_id, array_agg(a.item_id), array_agg(a.value_text)
            FROM response r
            JOIN answer a ON a.response_id = r.id AND a.item_id = ANY (?)
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ? AND a.value_text IS NOT NULL
            GROUP BY r.school_id, r.id""";

    private final TransactionOperations<Connection> transactions;
    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final SuppressionPolicy policy;

    FamilyContext(TransactionOperations<Connection> transactions, Waves waves, QuestionnaireRegistry questionnaires,
                  SuppressionPolicy policy) {
        this.transactions = transactions;
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

    /** The least number of coded items a parent must answer: two thirds, rounded up. */
    static int minAnswered(int items) {
        return (int) Math.ceil(items * 2 / 3.0 - 1e-9);
    }

    /**
     * @return school id → context index (suppressed below the threshold); schools without any
     *         counted parent are absent; empty when the wave asks no context items
     */
    Map<Long, Suppressible<Double>> indices(long waveId) {
        Map<LoadedQuestionnaire, List<Item>> versions = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            List<Item> items = codedItems(q.questionnaire());
            if (!items.isEmpty()) {
                versions.put(q, items);
                items.forEach(i -> columns.putIfAbsent(i.id(), columns.size()));
            }
        }
        if (columns.isEmpty()) {
            return Map.of();
        }
        int[] positions = new int[columns.size()];
        Arrays.setAll(positions, i -> i);
        ContextIndexAccumulator acc = new ContextIndexAccumulator(positions, policy);
        transactions.executeRead(status -> {
            try {
                for (Map.Entry<LoadedQuestionnaire, List<Item>> v : versions.entrySet()) {
                    read(status.getConnection(), waveId, v.getKey().versionId(), v.getValue(), columns, acc);
                }
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException("Reading the context answers of wave " + waveId, e);
            }
        });
        Map<Long, Suppressible<Double>> out = new LinkedHashMap<>();
        acc.indices().forEach((school, value) -> {
            // NaN: no item varied over the wave's parents, so there is no scale to place a school on
            if (value.isSuppressed() || !Double.isNaN(value.orElseThrow())) {
                out.put(Long.parseLong(school), value);
            }
        });
        return out;
    }

    private static void read(Connection c, long waveId, long versionId, List<Item> items, Map<String, Integer> columns,
                             ContextIndexAccumulator acc) throws SQLException {
        int needed = minAnswered(items.size());
        try (PreparedStatement ps = c.prepareStatement(ANSWERS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(2000);
            ps.setArray(1, c.createArrayOf("text", items.stream().map(Item::id).toArray()));
            ps.setLong(2, waveId);
            ps.setLong(3, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                double[] row = new double[columns.size()];
                while (rs.next()) {
                    Arrays.fill(row, Double.NaN);
                    String[] ids = (String[]) rs.getArray(2).getArray();
                    String[] values = (String[]) rs.getArray(3).getArray();
                    int answered = 0;
                    for (int i = 0; i < ids.length; i++) {
                        if (values[i].matches("-?\\d{1,6}")) {
                            row[columns.get(ids[i])] = Integer.parseInt(values[i]);
                            answered++;
                        }
                    }
                    if (answered >= needed) {
                        acc.add(Long.toString(rs.getLong(1)), row);
                    }
                }
            }
        }
    }
}
