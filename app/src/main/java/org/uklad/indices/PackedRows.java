package org.uklad.indices;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.uklad.response.LikertAnswers;

/**
 * Unpacks a response's {@link LikertAnswers} into a row of a {@link VersionPlan}'s columns (NaN =
 * not answered): for the pass over a wave's answers ({@link IndicesStore}) and for a block as it is
 * published ({@link WaveStatistics}), so both read the bytes alike.
 */
final class PackedRows {

    private final int[] columnOf;

    PackedRows(VersionPlan plan) {
        Map<String, Integer> columns = plan.columns();
        List<String> likert = LikertAnswers.items(plan.source().questionnaire());
        columnOf = new int[likert.size()];
        for (int i = 0; i < columnOf.length; i++) {
            columnOf[i] = columns.getOrDefault(likert.get(i), -1);
        }
    }

    /** Fills {@code row} (the plan's column count) from one response's packed answers. */
    void fill(byte[] packed, double[] row) {
        if (packed.length != columnOf.length) {
            throw new IllegalStateException("packed likert answers of " + packed.length + " items for a version of " + columnOf.length);
        }
        Arrays.fill(row, Double.NaN);
        for (int i = 0; i < packed.length; i++) {
            int value = LikertAnswers.value(packed[i]);
            if (value >= 0 && columnOf[i] >= 0) {
                row[columnOf[i]] = value;
            }
        }
    }
}
