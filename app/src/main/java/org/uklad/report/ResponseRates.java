package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * A school's response rate per questionnaire in a wave, with the caveat the dashboard and the PDF
 * print beside it, from the same counts as the PDF's response table ({@link ResponseCountStore}):
 * <ul>
 *   <li>a count below the threshold k is withheld, and its rate with it (rate × expected size would
 *       give the count back);
 *   <li>a rate below {@value #LOW_BELOW} % is "low": the answers may not speak for the group
 *       (UChicago 5Essentials reports only from 50 %);
 *   <li>a rate above 100 % means the codes' expected group sizes are wrong, not that more people
 *       answered than exist: it is flagged as an error of the expected size.
 * </ul>
 */
@Singleton
public class ResponseRates {

    /** A rate below this percent gets the "low response rate" caveat. */
    public static final double LOW_BELOW = 50.0;

    private final ResponseCountStore counts;

    ResponseRates(ResponseCountStore counts) {
        this.counts = counts;
    }

    /** What a reader is told about a rate. */
    public enum Caveat { NONE, LOW, OVER_EXPECTED, UNKNOWN }

    /**
     * @param responses the school's responses, null when below the threshold
     * @param expected  the codes' expected sizes summed, null when unknown or when the count is withheld
     * @param percent   responses per expected respondent, null when either is missing
     */
    public record Rate(@Nullable Long responses, @Nullable Long expected, @Nullable Double percent, Caveat caveat) {}

    /** The rates of a school in a wave by questionnaire version id, under threshold {@code k}. */
    public Map<Long, Rate> of(long waveId, long schoolId, int k) {
        ResponseCountStore.Counts c = counts.counts(waveId, schoolId);
        Map<Long, Rate> out = new HashMap<>();
        for (Map.Entry<Long, Long> e : c.responses().entrySet()) {
            out.put(e.getKey(), rate(e.getValue(), c.expected().get(e.getKey()), k));
        }
        return out;
    }

    /** The rule for one questionnaire. */
    static Rate rate(long responses, @Nullable Long expected, int k) {
        if (responses < k) {
            return new Rate(null, null, null, Caveat.UNKNOWN);
        }
        if (expected == null || expected <= 0) {
            return new Rate(responses, null, null, Caveat.UNKNOWN);
        }
        double percent = 100.0 * responses / expected;
        Caveat caveat = percent > 100.0 ? Caveat.OVER_EXPECTED : percent < LOW_BELOW ? Caveat.LOW : Caveat.NONE;
        return new Rate(responses, expected, percent, caveat);
    }
}
