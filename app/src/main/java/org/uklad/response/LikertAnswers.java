package org.uklad.response;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;

/**
 * A response's likert answers as one short byte string, stored beside the response
 * ({@code response.likert_answers}) so that a wave's indices read one compact row per response
 * instead of regrouping millions of answer rows (BENCHMARKS.md, "Indices from the database").
 *
 * <p>Byte {@code i} is the answer to the version's {@code i}-th likert item, in questionnaire
 * order, plus one; {@code 0} means not answered. Since migration V31 the packed form is the record
 * of a published response's likert answers: they are no longer also answer rows (forty rows a
 * response were most of a submission's database work), {@code likert_item} says which item each
 * byte answers, and the view {@code response_answer} gives readers every answer either way.
 * Responses stored before V31 keep their rows ({@code likert_in_rows}). A value outside
 * {@code 0..254} cannot be coded (no scale of the catalogue comes near): such a response gets no
 * packed answers and keeps its likert answers as rows.
 */
public final class LikertAnswers {

    /** The largest value a code holds ({@code 255 − 1}). */
    public static final int MAX_VALUE = 254;

    private LikertAnswers() {
    }

    /** The version's likert item ids in questionnaire order: the meaning of each byte. */
    public static List<String> items(Questionnaire questionnaire) {
        return questionnaire.items().stream().filter(i -> i.type() == ItemType.LIKERT).map(Item::id).toList();
    }

    /**
     * @param items  {@link #items} of the response's version
     * @param values the response's integer answers by item id (other items are ignored)
     * @return the packed answers, or {@code null} when a likert value is outside {@code 0..254}
     */
    public static byte[] encode(List<String> items, Map<String, Integer> values) {
        byte[] packed = new byte[items.size()];
        for (int i = 0; i < packed.length; i++) {
            Integer value = values.get(items.get(i));
            if (value == null) {
                continue;
            }
            if (value < 0 || value > MAX_VALUE) {
                return null;
            }
            packed[i] = (byte) (value + 1);
        }
        return packed;
    }

    /**
     * A response's packed answers from its validated answers (the integer ones, by item id).
     *
     * @param items {@link #items} of the response's version, worked out once for a whole block
     * @return as {@link #encode}
     */
    static byte[] of(List<String> items, List<StoredAnswer> answers) {
        Map<String, Integer> values = new HashMap<>();
        for (StoredAnswer a : answers) {
            if (a.intValue() != null) {
                values.put(a.itemId(), a.intValue());
            }
        }
        return encode(items, values);
    }

    /** The answer a code stands for, or {@code -1} when the item was not answered. */
    public static int value(byte code) {
        return (code & 0xFF) - 1;
    }
}
