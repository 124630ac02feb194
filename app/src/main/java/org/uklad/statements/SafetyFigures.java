package org.uklad.statements;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.indices.Text;

/**
 * The safety section of one school in a wave: from the items marked {@code report: {safety: …}}
 * in the questionnaires (the students' bullying questions), the percent of respondents hurt at
 * least once and at the flag level (e.g. about every week), and where it happens; already
 * suppressed (no figure from fewer than k answers). Built by {@link Statements#safety}.
 *
 * <p><b>The flag.</b> An item with a flag level "needs attention" when at least
 * {@link #ATTENTION_PERCENT} % of its respondents answer at that level or above: a plain
 * threshold for a school to look closer, not a norm (the instruments have none); the school
 * needs attention when any of its items does.
 *
 * @param minGroupSize     k
 * @param attentionPercent the flag's threshold ({@link #ATTENTION_PERCENT})
 * @param attention        some shown item is at or over the threshold
 * @param questionnaires   the questionnaires of the wave that have safety items, in the wave's order
 */
@Serdeable
public record SafetyFigures(int minGroupSize, double attentionPercent, boolean attention,
                            List<Questionnaire> questionnaires) {

    /** The share of respondents at the flag level from which an item needs attention: 10 %. */
    public static final double ATTENTION_PERCENT = 10.0;

    /** Whether some item with a flag level is shown, so that the school's mark means something. */
    public boolean flagShown() {
        return questionnaires.stream().anyMatch(q -> q.hurt().stream().anyMatch(h -> !h.suppressed() && h.flagFrom() != null));
    }

    /**
     * One questionnaire's safety items.
     *
     * @param suppressed fewer than k respondents to the questionnaire: every item suppressed
     */
    @Serdeable
    public record Questionnaire(String questionnaireKey, Text title, String respondent, boolean suppressed,
                                List<Hurt> hurt, List<Where> where) {}

    /**
     * A "how often were you hurt" item.
     *
     * @param n              respondents who answered it, "prefer not to say" not counted; null when fewer than k
     * @param hurt           how many answered at or above {@code hurtFrom}
     * @param hurtPercent    100 · hurt / n
     * @param hurtFrom       the first answer counted as hurt
     * @param flagged        how many answered at or above {@code flagFrom}; null for an item without a flag level
     * @param flaggedPercent 100 · flagged / n
     * @param flagFrom       the first answer counted for the flag, or null
     * @param attention      flaggedPercent is at least the threshold
     */
    @Serdeable
    public record Hurt(String itemId, Text text, boolean suppressed, @Nullable Integer n, @Nullable Long hurt,
                       @Nullable Double hurtPercent, Text hurtFrom, @Nullable Long flagged,
                       @Nullable Double flaggedPercent, @Nullable Text flagFrom, boolean attention) {}

    /**
     * A "where did it happen" item.
     *
     * @param n      respondents who answered it (those hurt, as it is shown to them), "prefer not to
     *               say" alone not counted; null when fewer than k
     * @param places every place (not "prefer not to say"), with how many chose it and their percent of n
     */
    @Serdeable
    public record Where(String itemId, Text text, boolean suppressed, @Nullable Integer n, List<Place> places) {}

    /** One place and how many of those hurt chose it. */
    @Serdeable
    public record Place(String value, Text label, long count, double percent) {}
}
