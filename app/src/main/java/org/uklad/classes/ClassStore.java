package org.uklad.classes;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.uklad.indices.VersionPlan;
import org.uklad.response.LikertAnswers;
import org.uklad.system.Jdbc;

/**
 * One school's published responses of a wave and questionnaire version with their group labels:
 * the counts per label and the likert answers as rows in the columns of a {@link VersionPlan}.
 * Published responses only, so every figure built on them moves in steps of at least k
 * ({@code response/ResponseRelease}). A school's responses fit in memory, so nothing is streamed.
 */
@Singleton
class ClassStore {

    private static final String COUNTS = """
            SELECT group_label, count(*) FROM response
            WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ?
            GROUP BY group_label ORDER BY group_label""";

    private static final String ROWS = """
            SELECT group_label, likert_answers, id FROM response
            WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ?""";

    /** A response without packed answers (stored before they existed, or a value beyond the code). */
    private static final String ONE_RESPONSE = """
            SELECT item_id, value_int FROM answer WHERE response_id = ? AND value_int IS NOT NULL""";

    private record Stored(String label, byte[] packed, Object id) {}

    private record Answer(String item, int value) {}

    private final Jdbc jdbc;

    ClassStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Published responses per group label, labels in order. */
    Map<String, Long> counts(long waveId, long schoolId, long versionId) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.list(COUNTS, rs -> Map.entry(rs.getString(1), rs.getLong(2)), waveId, schoolId, versionId)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Hands each response's label and row ({@code NaN} = not answered; the array is reused) to {@code rows}. */
    void rows(long waveId, long schoolId, VersionPlan plan, BiConsumer<String, double[]> rows) {
        Map<String, Integer> columns = plan.columns();
        List<String> likert = LikertAnswers.items(plan.source().questionnaire());
        int[] columnOf = likert.stream().mapToInt(item -> columns.getOrDefault(item, -1)).toArray();
        List<Stored> stored = jdbc.list(ROWS, rs -> new Stored(rs.getString(1), rs.getBytes(2), rs.getObject(3)),
                waveId, schoolId, plan.source().versionId());
        double[] row = new double[columns.size()];
        for (Stored s : stored) {
            Arrays.fill(row, Double.NaN);
            if (s.packed() != null && s.packed().length == columnOf.length) {
                for (int i = 0; i < columnOf.length; i++) {
                    int value = LikertAnswers.value(s.packed()[i]);
                    if (value >= 0 && columnOf[i] >= 0) {
                        row[columnOf[i]] = value;
                    }
                }
            } else {
                for (Answer a : jdbc.list(ONE_RESPONSE, rs -> new Answer(rs.getString(1), rs.getInt(2)), s.id())) {
                    Integer column = columns.get(a.item());
                    if (column != null) {
                        row[column] = a.value();
                    }
                }
            }
            rows.accept(s.label(), row);
        }
    }
}
