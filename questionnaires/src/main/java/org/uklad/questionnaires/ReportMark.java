package org.uklad.questionnaires;

import java.util.List;

/**
 * How the reports read an item beyond its answer distribution (the file's {@code report:} key):
 * today only the safety section. A {@link Safety#HURT} item says whether (and how often) the
 * respondent was hurt; a {@link Safety#WHERE} item says where it happened.
 *
 * @param safety      the item's part in the safety section
 * @param hurtAnswers HURT: the answers that count as "hurt at least once" (the file's
 *                    {@code hurtAtOrAbove} spelled out: it and every later non-exclusive answer),
 *                    as strings like {@link ShowIf#anyOf()}; empty for WHERE
 * @param flagAnswers HURT: the answers counted for the attention flag (the file's
 *                    {@code flagAtOrAbove} spelled out), empty when the item raises no flag or is WHERE
 */
public record ReportMark(Safety safety, List<String> hurtAnswers, List<String> flagAnswers) {

    /** An item's part in the safety section. */
    public enum Safety { HURT, WHERE }

    public ReportMark {
        hurtAnswers = List.copyOf(hurtAnswers);
        flagAnswers = List.copyOf(flagAnswers);
    }

    /** Whether this item raises the attention flag (a HURT item with {@code flagAtOrAbove}). */
    public boolean flags() {
        return !flagAnswers.isEmpty();
    }
}
